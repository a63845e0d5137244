package io.gridsense.hub.push;

import io.gridsense.protocol.Topic;
import io.gridsense.protocol.WireCodec;
import io.gridsense.protocol.WorkerPush;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a push at QoS 1 on {@code gridsense/v1/push/workers/{workerId}} for the gridworker app.
 * Pushes go through a bounded queue to one sender thread: the MQTT client has a small in-flight window (the
 * broker's receive maximum, 20 on Mosquitto), and a burst of new incidents used to overflow it ("Too many
 * publishes in progress"), dropping copies silently. Now a full window or a broker that is away makes the sender
 * wait and retry the same push; only when the queue itself is full is a push not sent on MQTT, and that is
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

    /** A push waiting for the window; encoded by the sender thread, not by the caller (the delivery thread). */
    private record Pending(WorkerPush push) {
    }

    private final Publisher publisher;
    private final WireCodec codec;
    private final BlockingQueue<Pending> queue;
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
        if (!queue.offer(new Pending(push)) && droppedInEpisode.getAndIncrement() == 0) {
            log.warn("event=push_mqtt_queue_full bound={} push={} worker={} note=\"not sent on MQTT; stored, WebSocket "
                    + "and re-push unaffected\"", bound, push.pushId(), push.workerId());
        }
    }

    /** Pushes waiting for the window (tests, health). */
    public int queued() {
        return queue.size();
    }

    /** Pushes handed to the MQTT client so far. */
    public long sent() {
        return sent.get();
    }

    private void run() {
        while (!closed) {
            Pending p;
            try {
                p = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (p == null) {
                continue;
            }
            sendOne(p);
            if (droppedInEpisode.get() > 0 && queue.size() < bound / 2) {
                log.warn("event=push_mqtt_queue_drained dropped={} bound={}", droppedInEpisode.getAndSet(0), bound);
            }
        }
    }

    /** Sends one push, waiting while the window is full or the broker is away; gives up only on close. */
    private void sendOne(Pending p) {
        WorkerPush push = p.push();
        String topic = Topic.workerPush(push.workerId()).path();
        byte[] payload = codec.encode(push);
        long waitNanos = 200_000; // an acknowledgement from a local broker takes well under a millisecond
        while (!closed) {
            Send s = publisher.publish(topic, payload);
            switch (s) {
                case SENT -> {
                    sent.incrementAndGet();
                    return;
                }
                case FAILED -> {
                    log.warn("event=push_mqtt_unsent push={} worker={}", push.pushId(), push.workerId());
                    return;
                }
                case WINDOW_FULL -> publisher.awaitWindow(waitNanos);
                case NOT_CONNECTED -> LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            waitNanos = Math.min(TimeUnit.MILLISECONDS.toNanos(5), waitNanos * 2);
        }
    }

    @Override
    public void close() {
        closed = true;
        sender.interrupt();
    }
}
