package io.gridsense.hub.push;

import io.gridsense.protocol.Topic;
import io.gridsense.protocol.WireCodec;
import io.gridsense.protocol.WorkerPush;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a push at QoS 1 on {@code gridsense/v1/push/workers/{workerId}} for the gridworker app.
 * Pushes go through a bounded queue to one sender thread: the MQTT client has a small in-flight window (the
 * broker's receive maximum, 20 on Mosquitto), and a burst of new incidents used to overflow it ("Too many
 * publishes in progress"), dropping copies silently. Now a full window or a broker that is away makes the sender
 * wait and retry the same push; the sender keeps a few pushes encoded ahead, and each completed publish sends the
 * next one from the client's callback ({@link #slotFreed}), so the window does not wait for the sender thread;
 * only when the queue itself is full is a push not sent on MQTT, and that is
 * logged ({@code event=push_mqtt_queue_full}, once per episode, then the count when it drains). The pushes table
 * and the WebSocket channel do not depend on this queue.
 */
public final class MqttPushChannel implements PushChannel, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttPushChannel.class);

    /** Pushes waiting for the MQTT window by default: about a minute of a busy city's new incidents × 4 workers. */
    public static final int DEFAULT_BOUND = 20_000;

    /** What became of one publish attempt. */
    public enum Send { SENT, WINDOW_FULL, NOT_CONNECTED, FAILED }

    /** Sends bytes on a topic without waiting for the broker's acknowledgement. */
    @FunctionalInterface
    public interface Publisher {
        Send publish(String topic, byte[] payload);

        /**
         * After WINDOW_FULL: waits at most {@code nanos} for room in the window. A publisher that knows when a slot
         * frees (the hub's connector) returns then; this default just sleeps.
         */
        default void awaitWindow(long nanos) {
            LockSupport.parkNanos(nanos);
        }
    }

    /** A push encoded by the sender thread, ready to go out the moment a slot of the window frees. */
    private record Ready(WorkerPush push, String topic, byte[] payload) {
    }

    /**
     * How many pushes the sender keeps encoded ahead: enough for the window's slots that free before the sender
     * thread runs again (Mosquitto's window is 20), few enough that a broker away costs little memory.
     */
    static final int READY_AHEAD = 64;

    private final Publisher publisher;
    private final WireCodec codec;
    /** Pushes waiting for the window; encoded by the sender thread, not by the caller (the delivery thread). */
    private final BlockingQueue<WorkerPush> queue;
    private final ConcurrentLinkedDeque<Ready> ready = new ConcurrentLinkedDeque<>();
    private final AtomicInteger readyCount = new AtomicInteger();
    private final int bound;
    private final Thread sender;
    private final AtomicLong droppedInEpisode = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean closed;

    public MqttPushChannel(Publisher publisher, WireCodec codec) {
        this(publisher, codec, DEFAULT_BOUND);
    }

    /** A channel whose queue holds at most {@code bound} pushes waiting for the MQTT window. */
    public MqttPushChannel(Publisher publisher, WireCodec codec, int bound) {
        this.publisher = publisher;
        this.codec = codec;
        this.bound = bound;
        this.queue = new ArrayBlockingQueue<>(bound);
        this.sender = new Thread(this::run, "hub-mqtt-push");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void deliver(WorkerPush push) {
        if (!queue.offer(push) && droppedInEpisode.getAndIncrement() == 0) {
            log.warn("event=push_mqtt_queue_full bound={} push={} worker={} note=\"not sent on MQTT; stored, WebSocket "
                    + "and re-push unaffected\"", bound, push.pushId(), push.workerId());
        }
    }

    /** Pushes waiting for the window (tests, health). */
    public int queued() {
        return queue.size() + readyCount.get();
    }

    /** Pushes handed to the MQTT client so far. */
    public long sent() {
        return sent.get();
    }

    /**
     * A publish of the connector completed and freed its slot (called on the MQTT client's callback thread, so it
     * never blocks): the next encoded push goes out at once. Waking the sender thread instead left the slot empty
     * for two thread hand-offs, and at 3,000 push copies a second into a window of 20 the queue overflowed.
     */
    public void slotFreed() {
        Ready r = takeReady();
        if (r != null && !publish(r)) {
            putBack(r); // another thread took the slot first: the sender sends it
        }
    }

    private void run() {
        while (!closed) {
            try {
                encodeAhead();
            } catch (InterruptedException e) {
                return;
            }
            Ready r;
            while (!closed && (r = takeReady()) != null) {
                if (!publish(r)) {
                    putBack(r);
                    break; // waited for the window (or the broker); encode more, then go on
                }
            }
            if (droppedInEpisode.get() > 0 && queue.size() < bound / 2) {
                log.warn("event=push_mqtt_queue_drained dropped={} bound={}", droppedInEpisode.getAndSet(0), bound);
            }
        }
    }

    /** Moves queued pushes into the ready deque, encoded; waits a little for the first when nothing is ready. */
    private void encodeAhead() throws InterruptedException {
        while (readyCount.get() < READY_AHEAD) {
            WorkerPush push = readyCount.get() == 0 ? queue.poll(200, TimeUnit.MILLISECONDS) : queue.poll();
            if (push == null) {
                return;
            }
            ready.addLast(new Ready(push, Topic.workerPush(push.workerId()).path(), codec.encode(push)));
            readyCount.incrementAndGet();
        }
    }

    private Ready takeReady() {
        Ready r = ready.pollFirst();
        if (r != null) {
            readyCount.decrementAndGet();
        }
        return r;
    }

    private void putBack(Ready r) {
        ready.addFirst(r);
        readyCount.incrementAndGet();
    }

    /**
     * One publish attempt; true when it is done with (sent, or failed for good and logged), false when it must be
     * tried again: on a full window or a broker that is away this waits a moment first (on the sender thread; the
     * completion hook never waits, the publisher answers it at once).
     */
    private boolean publish(Ready r) {
        Send s = publisher.publish(r.topic(), r.payload());
        switch (s) {
            case SENT -> {
                sent.incrementAndGet();
                return true;
            }
            case FAILED -> {
                log.warn("event=push_mqtt_unsent push={} worker={}", r.push().pushId(), r.push().workerId());
                return true;
            }
            case WINDOW_FULL -> {
                if (Thread.currentThread() == sender) {
                    publisher.awaitWindow(TimeUnit.MILLISECONDS.toNanos(5)); // a freed slot wakes it sooner
                }
                return false;
            }
            default -> { // NOT_CONNECTED
                if (Thread.currentThread() == sender) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
                return false;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        sender.interrupt();
    }
}
