package io.gridsense.agent.camera;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A camera's live counters, written by its own thread and read by the status publisher: whether it is
 * online, what it carries, frames in and analysed, the last frame time and the last error in plain words.
 */
public final class CameraStats {

    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong framesAnalysed = new AtomicLong();
    private volatile boolean online;
    private volatile MediaSource.StreamInfo stream;
    private volatile Instant lastFrameAt;
    private volatile String lastError;
    // for rates: counters at the previous sample
    private long sampleNanos = System.nanoTime();
    private long sampleIn;
    private long sampleAnalysed;

    void connected(MediaSource.StreamInfo info) {
        stream = info;
        online = true;
    }

    void failed(String error) {
        online = false;
        lastError = error;
    }

    void frameIn(Instant at) {
        framesIn.incrementAndGet();
        lastFrameAt = at;
    }

    void frameAnalysed() {
        framesAnalysed.incrementAndGet();
    }

    public boolean online() {
        return online;
    }

    public MediaSource.StreamInfo stream() {
        return stream;
    }

    public Instant lastFrameAt() {
        return lastFrameAt;
    }

    public String lastError() {
        return lastError;
    }

    public long framesIn() {
        return framesIn.get();
    }

    public long framesAnalysed() {
        return framesAnalysed.get();
    }

    /** Frames per second in and analysed since the previous call. */
    public synchronized double[] sampleRates() {
        long now = System.nanoTime();
        double secs = Math.max(1e-3, (now - sampleNanos) / 1e9);
        long in = framesIn.get();
        long an = framesAnalysed.get();
        double[] r = {(in - sampleIn) / secs, (an - sampleAnalysed) / secs};
        sampleNanos = now;
        sampleIn = in;
        sampleAnalysed = an;
        return r;
    }
}
