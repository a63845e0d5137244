package io.gridsense.agent.camera;

import java.time.Instant;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The one-picture hand-off from a camera's decode thread to its analysis thread: the decoder offers a copy
 * only while the analyser is idle, so a slow analysis makes the decoder skip pictures instead of queueing
 * them, and decode always keeps up with the stream.
 */
final class FrameSlot {

    /**
     * A picture handed to the analyser, with what to do with it: analyse it, show it on the video wall, or (between
     * two analysed pictures, only while the pipeline asks) measure the fight stage's flow on it.
     */
    record Handoff(Mat mat, Instant at, boolean analyse, boolean tile, boolean between) {
        Handoff(Mat mat, Instant at, boolean analyse, boolean tile) {
            this(mat, at, analyse, tile, false);
        }
    }

    private Handoff waiting;
    private boolean busy;
    private boolean closed;

    /** True when nothing waits and the analyser is not working on a picture. */
    synchronized boolean isFree() {
        return waiting == null && !busy && !closed;
    }

    /** Hands over a picture the analyser now owns; returns false (and releases it) when the slot is not free. */
    synchronized boolean put(Handoff h) {
        if (!isFree()) {
            h.mat().release();
            return false;
        }
        waiting = h;
        notifyAll();
        return true;
    }

    /** The waiting picture, or null after {@code timeoutMillis} or once closed; marks the analyser busy. */
    synchronized Handoff take(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (waiting == null && !closed) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            wait(left);
        }
        Handoff h = waiting;
        waiting = null;
        busy = h != null;
        return h;
    }

    /** The analyser finished with the picture it took. */
    synchronized void done() {
        busy = false;
    }

    /** Wakes the analyser for good and frees a picture nobody took. */
    synchronized void close() {
        closed = true;
        if (waiting != null) {
            waiting.mat().release();
            waiting = null;
        }
        notifyAll();
    }
}
