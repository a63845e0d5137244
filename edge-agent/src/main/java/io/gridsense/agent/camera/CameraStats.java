package io.gridsense.agent.camera;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A camera's live counters, written by its own threads and read by the status publisher: whether it is
 * online, what it carries, frames decoded, corrupt, analysed and dropped, reconnects, the last frame time,
 * since when it has been offline and the last error in plain words.
 */
public final class CameraStats {

    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong framesCorrupt = new AtomicLong();
    private final AtomicLong framesAnalysed = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong();
    private final AtomicLong framesBetween = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private volatile boolean online;
    private volatile boolean everConnected;
    private volatile MediaSource.StreamInfo stream;
    private volatile Instant lastFrameAt;
    private volatile Instant onlineSince;
    private volatile Instant offlineSince;
    private volatile String lastError;
    // for rates: counters at the previous sample
    private long sampleNanos = System.nanoTime();
    private long sampleIn;
    private long sampleCorrupt;
    private long sampleAnalysed;

    CameraStats(Instant createdAt) {
        // a camera that never came online has been offline since the agent started
        offlineSince = createdAt;
    }

    CameraStats() {
        this(Instant.now());
    }

    void connected(MediaSource.StreamInfo info, Instant at) {
        stream = info;
        if (everConnected) {
            reconnects.incrementAndGet();
        }
        everConnected = true;
        online = true;
        onlineSince = at;
        offlineSince = null;
    }

    void connected(MediaSource.StreamInfo info) {
        connected(info, Instant.now());
    }

    void streamChanged(MediaSource.StreamInfo info) {
        stream = info;
    }

    void failed(String error, Instant at) {
        if (online || offlineSince == null) {
            offlineSince = at;
        }
        online = false;
        onlineSince = null;
        lastError = error;
    }

    void failed(String error) {
        failed(error, Instant.now());
    }

    void frameIn(Instant at) {
        framesIn.incrementAndGet();
        lastFrameAt = at;
    }

    void corrupt(long count) {
        framesCorrupt.addAndGet(count);
    }

    void frameAnalysed() {
        framesAnalysed.incrementAndGet();
    }

    void frameDropped() {
        framesDropped.incrementAndGet();
    }

    void frameBetween() {
        framesBetween.incrementAndGet();
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

    /** When the current outage began, or null while online. */
    public Instant offlineSince() {
        return offlineSince;
    }

    /** How long the camera has been offline at {@code now}; zero while online. */
    public Duration offlineFor(Instant now) {
        Instant since = offlineSince;
        return since == null ? Duration.ZERO : Duration.between(since, now);
    }

    public String lastError() {
        return lastError;
    }

    /** Pictures decoded, corrupt ones included. */
    public long framesIn() {
        return framesIn.get();
    }

    /** Pictures the decoder marked corrupt: damaged packets on the way from the camera. */
    public long framesCorrupt() {
        return framesCorrupt.get();
    }

    public long framesAnalysed() {
        return framesAnalysed.get();
    }

    /** Frames due for analysis that were skipped because the previous analysis was still running. */
    public long framesDropped() {
        return framesDropped.get();
    }

    /** In-between pictures the fight stage measured (only while a fight candidate was in view). */
    public long framesBetween() {
        return framesBetween.get();
    }

    /** Successful connections after the first one. */
    public long reconnects() {
        return reconnects.get();
    }

    /** Frames per second received (decoded, corrupt included), decoded intact, and analysed. */
    public record Rates(double received, double decoded, double analysed) {
    }

    /** Rates since the previous call. */
    public synchronized Rates sample() {
        long now = System.nanoTime();
        double secs = Math.max(1e-3, (now - sampleNanos) / 1e9);
        long in = framesIn.get();
        long bad = framesCorrupt.get();
        long an = framesAnalysed.get();
        Rates r = new Rates((in - sampleIn) / secs, ((in - sampleIn) - (bad - sampleCorrupt)) / secs,
                (an - sampleAnalysed) / secs);
        sampleNanos = now;
        sampleIn = in;
        sampleCorrupt = bad;
        sampleAnalysed = an;
        return r;
    }
}
