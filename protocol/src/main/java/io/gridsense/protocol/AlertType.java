package io.gridsense.protocol;

/** The kinds of alert an edge agent raises; the hub turns each into an incident category. */
public enum AlertType {
    GATHERING,
    FIGHT,
    CAMERA_OFFLINE,
    CAMERA_TAMPER
}
