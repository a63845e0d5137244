package io.gridsense.analytics.eval;

import io.gridsense.analytics.BehaviorType;

/** One labelled interval of a clip: behaviour {@code type} happens from {@code startS} to {@code endS} seconds. */
public record Label(String clip, BehaviorType type, double startS, double endS) {
    public Label {
        if (endS < startS) {
            throw new IllegalArgumentException("label " + clip + " " + type + ": end before start");
        }
    }
}
