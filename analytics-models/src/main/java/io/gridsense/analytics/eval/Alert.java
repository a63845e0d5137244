package io.gridsense.analytics.eval;

import io.gridsense.analytics.BehaviorType;

/** An alert the pipeline raised on a clip, at {@code atS} seconds from the clip's start. */
public record Alert(BehaviorType type, double atS, double startedS) {
}
