package io.gridsense.agent.camera;

/** Pacing of recorded video to the wall clock, so a file plays like a live camera (the demo's cameras). */
public final class RealTime {

    private RealTime() {
    }

    /** Sleeps until {@code System.nanoTime()} reaches {@code dueNanos}; keeps the interrupt flag when interrupted. */
    public static void sleepUntil(long dueNanos) {
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
