package io.gridsense.analytics;

/**
 * Where the time of one analysed frame went, in nanoseconds per layer: downscaling, motion gate, person detection
 * (0 when the gate skipped it), tracking, the gathering and fight analyzers.
 */
public record LayerTimings(long resizeNs, long motionNs, long detectNs, long trackNs, long gatheringNs, long fightNs) {

    public long totalNs() {
        return resizeNs + motionNs + detectNs + trackNs + gatheringNs + fightNs;
    }
}
