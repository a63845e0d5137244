package io.gridsense.hub.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads received MQTT messages over a few partitions by topic (so one agent's messages, hence one camera's,
 * keep their order on one thread) and hands each partition's backlog to the router in batches, which the
 * pipeline stores in one transaction. A message is acknowledged only after its batch committed; a failed batch
 * is retried message by message, so one bad message cannot hold back the others.
 */
public final class IngestQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestQueue.class);

    /** One received message, how to acknowledge it, and when it was queued (System.nanoTime). */
    public record Delivery(String topic, byte[] payload, Runnable ack, long queuedAt) {
        /** A message queued now. */
        public Delivery(String topic, byte[] payload, Runnable ack) {
            this(topic, payload, ack, System.nanoTime());
        }
    }

    /** Processes a batch; throws when it could not be committed. */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(List<Delivery> batch);
    }

    /** The partition of the current ingest thread, so after-commit work can stay on that partition's lane. */
    private static final ThreadLocal<Integer> PARTITION = ThreadLocal.withInitial(() -> -1);

    private final List<BlockingQueue<Delivery>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final BatchHandler batchHandler;
    private final int maxBatch;
    private volatile boolean closed;

    /** partitions threads, each taking up to maxBatch queued messages at a time. */
    public IngestQueue(int partitions, int maxBatch, BatchHandler batchHandler) {
        this.batchHandler = batchHandler;
        this.maxBatch = maxBatch;
        for (int i = 0; i < partitions; i++) {
            BlockingQueue<Delivery> q = new ArrayBlockingQueue<>(10_000);
            queues.add(q);
            int partition = i;
            Thread t = new Thread(() -> {
                PARTITION.set(partition);
                run(q, new IngestWindowStats(partition, System.nanoTime()));
            }, "hub-ingest-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** The partition whose ingest thread this is, or -1 on any other thread. */
    public static int currentPartition() {
        return PARTITION.get();
    }

    /** Queues a message on its partition; blocks while that partition is full (back-pressure on the broker). */
    public void submit(String topic, byte[] payload, Runnable ack) {
        BlockingQueue<Delivery> q = queues.get(Math.floorMod(topic.hashCode(), queues.size()));
        try {
            q.put(new Delivery(topic, payload, ack));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // not acknowledged: the broker redelivers
        }
    }

    private void run(BlockingQueue<Delivery> q, IngestWindowStats stats) {
        List<Delivery> batch = new ArrayList<>(maxBatch);
        while (!closed) {
            try {
                Delivery first = q.poll(200, TimeUnit.MILLISECONDS);
                stats.maybeLog(System.nanoTime());
                if (first == null) {
                    continue;
                }
                batch.add(first);
                q.drainTo(batch, maxBatch - 1);
                long start = System.nanoTime();
                process(batch);
                stats.batch(batch.size(), start - first.queuedAt(), System.nanoTime() - start);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("event=ingest_loop_error error=\"{}\"", e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    private void process(List<Delivery> batch) {
        try {
            batchHandler.handle(batch);
            batch.forEach(d -> d.ack().run());
            return;
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                // no ack: the broker redelivers after a reconnect; the consumer itself keeps going
                log.error("event=message_failed topic={} error=\"{}\"", batch.get(0).topic(), e.toString());
                return;
            }
            log.warn("event=ingest_batch_failed size={} error=\"{}\" retry=one_by_one", batch.size(), e.toString());
        }
        for (Delivery d : batch) {
            try {
                batchHandler.handle(List.of(d));
                d.ack().run();
            } catch (RuntimeException e) {
                log.error("event=message_failed topic={} error=\"{}\"", d.topic(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
    }
}
