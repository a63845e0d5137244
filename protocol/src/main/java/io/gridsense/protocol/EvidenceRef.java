package io.gridsense.protocol;

/** Where a piece of evidence for an alert lives: its kind (snapshot, clip) and a URI the hub can resolve. */
public record EvidenceRef(String kind, String uri) {
    public static final String SNAPSHOT = "snapshot";
    public static final String CLIP = "clip";
}
