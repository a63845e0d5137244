package io.gridsense.analytics;

import java.time.Instant;

/**
 * The rules' inputs on one frame, so that the evaluation can replay them at other sensitivities and durations
 * without analysing the video again: the largest standing group and whether it is a queue; the fight window's
 * probability, whether its presence/drift gates passed, and where the window starts.
 */
public record FrameTrace(int group, boolean queue, double fightProbability, boolean fightGatesOk,
                         Instant fightWindowStart) {
}
