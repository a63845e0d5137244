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

    /** The default for a box with this many cores (see {@link #defaultSize(int)}). */
    public static int defaultSize() {
        return defaultSize(Runtime.getRuntime().availableProcessors());
    }

    /**
     * One slot per core but one, so the spare core decodes and keeps the box responsive; but two on a two-core box.
     * One slot there made sixteen busy cameras take turns at 2.3 analysed frames a second each, and a camera analysed
     * less often costs more per frame (people move further between looks, so the detector's region looks miss and it
     * looks wider): 0.85 cores bought 37 frames a second. Two slots analysed 4.7 fps each (75 a second) for 0.87 cores,
     * with 54 % of the box in all; decoding, sixteen threads of ~1 % each, still gets its share from the scheduler.
     */
    public static int defaultSize(int cores) {
        return cores <= 1 ? 1 : Math.max(2, cores - 1);
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
