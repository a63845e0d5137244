package io.gridsense.agent.camera;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many cameras may run analysis at the same moment on this box. A box with more cameras than cores
 * would otherwise spend every core on analysis and leave none for decoding, MQTT and the OS; with a budget,
 * a camera that finds no free slot within its analysis period skips that picture (counted as dropped), as
 * commercial NVRs lower the analysed frame rate when overloaded. Fair, so no camera starves.
 */
public final class AnalysisBudget {

    private final Semaphore slots;
    private final int size;

    public AnalysisBudget(int concurrent) {
        if (concurrent < 1) {
            throw new IllegalArgumentException("analysis threads must be at least 1, got " + concurrent);
        }
        this.size = concurrent;
        this.slots = new Semaphore(concurrent, true);
    }

    /** One slot per core but one, at least one: the spare core decodes and keeps the box responsive. */
    public static int defaultSize() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    public int size() {
        return size;
    }

    /** Takes a slot, waiting at most {@code millis}; false when none came free in time. */
    public boolean tryEnter(long millis) throws InterruptedException {
        return slots.tryAcquire(millis, TimeUnit.MILLISECONDS);
    }

    public void leave() {
        slots.release();
    }
}
