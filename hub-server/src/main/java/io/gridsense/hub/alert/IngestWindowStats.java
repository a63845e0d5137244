package io.gridsense.hub.alert;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one ingest partition did over a window of time, logged once per window as one line
 * ({@code event=ingest_window}): batches, alerts, the largest batch, how long the oldest message of a batch had
 * waited in the partition's queue, and how long batches took to store and commit. A backlog shows here as waits
 * that grow beyond a batch's time; only the partition's own thread touches an instance.
 */
final class IngestWindowStats {

    private static final Logger log = LoggerFactory.getLogger(IngestWindowStats.class);

    /** One line per partition and window: 4 lines every 10 s, whatever the alert rate. */
    static final Duration WINDOW = Duration.ofSeconds(10);

    private final int partition;
    private long windowStart;
    private int batches;
    private int messages;
    private int batchMax;
    private long waitSum;
    private long waitMax;
    private long handleSum;
    private long handleMax;

    IngestWindowStats(int partition, long nowNanos) {
        this.partition = partition;
        this.windowStart = nowNanos;
    }

    /** Notes one batch: its size, the queue wait of its oldest message, and the time to handle it. */
    void batch(int size, long oldestWaitNanos, long handleNanos) {
        batches++;
        messages += size;
        batchMax = Math.max(batchMax, size);
        waitSum += oldestWaitNanos;
        waitMax = Math.max(waitMax, oldestWaitNanos);
        handleSum += handleNanos;
        handleMax = Math.max(handleMax, handleNanos);
    }

    /** Logs and starts a new window once the current one is over and saw any batch; true when it logged. */
    boolean maybeLog(long nowNanos) {
        if (nowNanos - windowStart < WINDOW.toNanos()) {
            return false;
        }
        boolean any = batches > 0;
        if (any) {
            log.info("event=ingest_window partition={} secs={} batches={} messages={} batch_max={} wait_mean_ms={} "
                            + "wait_max_ms={} handle_mean_ms={} handle_max_ms={}", partition,
                    (nowNanos - windowStart) / 1_000_000_000L, batches, messages, batchMax, ms(waitSum / batches),
                    ms(waitMax), ms(handleSum / batches), ms(handleMax));
        }
        windowStart = nowNanos;
        batches = 0;
        messages = 0;
        batchMax = 0;
        waitSum = 0;
        waitMax = 0;
        handleSum = 0;
        handleMax = 0;
        return any;
    }

    /** Messages noted in the current window (tests). */
    int messages() {
        return messages;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
