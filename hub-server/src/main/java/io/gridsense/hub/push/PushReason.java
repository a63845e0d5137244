package io.gridsense.hub.push;

/** Why a worker is pushed: they own the incident's grid, or they are among the nearest on duty. */
public enum PushReason {
    GRID_OWNER, NEAREST
}
