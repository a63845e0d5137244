package io.gridsense.hub.alert;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hub's own count of its unacknowledged outgoing publishes, held within the broker's Receive Maximum, so that
 * Paho is never asked to publish into a full window. Paho (mqttv5 1.2.5) takes a message id before it checks its
 * window and keeps that id when the window is full ("too many publishes in progress"): each such attempt lost one
 * of the 65,535 ids for good, until every publish failed. A slot is taken before a publish and given back when
 * Paho reports the publish complete (PUBACK for QoS 1) or failed; Paho lowers its own count before it reports, so
 * this count never falls below Paho's. Publishes handed to Paho but not yet written count too, which Paho's own
 * check leaves out. A sender that found the window full can wait for a slot ({@link #awaitRoom}) and is woken by
 * the next completion, so the window does not stay short of a publish while the sender sleeps.
 */
final class PublishWindow {

    /** MQTT 5: a CONNACK without Receive Maximum means 65,535. */
    static final int PROTOCOL_MAXIMUM = 65_535;

    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private volatile int limit;

    /** A window of {@code limit} publishes until the broker says otherwise. */
    PublishWindow(int limit) {
        this.limit = Math.max(1, limit);
    }

    /** Takes a slot; false when the window is full (the caller retries later, no id spent). */
    boolean tryAcquire() {
        while (true) {
            int n = outstanding.get();
            if (n >= limit) {
                return false;
            }
            if (outstanding.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives a slot back: the publish completed, failed, or never reached Paho. */
    void release() {
        outstanding.decrementAndGet();
        if (waiting.get() > 0) { // a completion per PUBACK: the lock only when a sender waits
            lock.lock();
            try {
                room.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Waits at most {@code nanos} until the window has a free slot (without taking it); true when it has one.
     * Woken by {@link #release}, so a slot freed by a PUBACK is used at once.
     */
    boolean awaitRoom(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        waiting.incrementAndGet();
        lock.lock();
        try {
            while (outstanding.get() >= limit) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                room.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        } finally {
            lock.unlock();
            waiting.decrementAndGet();
        }
    }

    /** The broker's Receive Maximum from its CONNACK (null: the protocol's 65,535). */
    void limit(Integer receiveMaximum) {
        limit = receiveMaximum == null || receiveMaximum <= 0 ? PROTOCOL_MAXIMUM : receiveMaximum;
    }

    /**
     * Paho found its window full although this one had room (the broker's maximum was not known yet, or Paho counts
     * publishes it restored after a reconnect differently): the window shrinks to what was outstanding besides the
     * refused publish, so the next ones wait instead of spending ids. Returns the new limit.
     */
    int shrinkToOutstanding() {
        int l = Math.max(1, outstanding.get() - 1);
        limit = Math.min(limit, l);
        return limit;
    }

    /** Publishes handed to Paho and not yet complete. */
    int outstanding() {
        return outstanding.get();
    }

    /** The current limit. */
    int limit() {
        return limit;
    }
}
