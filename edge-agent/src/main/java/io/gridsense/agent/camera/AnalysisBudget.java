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
     * One slot per core but one, so the spare core decodes and keeps the box responsive; but two on a two-core box,
     * where one slot caps analysis at one core however idle the other is: sixteen busy cameras then take turns, and a
     * camera analysed less often costs more per frame (people move further between looks, so the detector's region
     * looks miss and it looks wider). On a box shared with other work that spiral ended at 2.3 of 5 fps per camera;
     * on an idle one, one slot still dropped 0.12 pictures a second per camera where two dropped none, for ~3 points more
     * of the box's CPU (docs/benchmarks.md). Decoding, sixteen threads of ~1 % each, keeps its share from the scheduler.
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
