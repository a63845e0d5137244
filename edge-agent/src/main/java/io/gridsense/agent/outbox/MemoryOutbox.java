package io.gridsense.agent.outbox;

import io.gridsense.protocol.Alert;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An outbox in memory, bounded: it survives broker and network outages but not a restart of the agent
 * (the durable, on-disk outbox is the "alerts never lost" issue's work). When full, the oldest alert is
 * dropped with an ERROR line naming it, so memory stays bounded on a box that is offline for weeks.
 */
public final class MemoryOutbox implements Outbox {

    private static final Logger log = LoggerFactory.getLogger(MemoryOutbox.class);

    private final Deque<Alert> queue = new ArrayDeque<>();
    private final int capacity;

    public MemoryOutbox(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized void append(Alert alert) {
        if (queue.size() >= capacity) {
            Alert dropped = queue.pollFirst();
            log.error("event=outbox_full_dropped alert={} capacity={}", dropped.alertId(), capacity);
        }
        queue.addLast(alert);
        notifyAll();
    }

    @Override
    public synchronized Optional<Alert> peek(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (queue.isEmpty()) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(left);
        }
        return Optional.of(queue.peekFirst());
    }

    @Override
    public synchronized void acknowledged(String alertId) {
        queue.removeIf(a -> a.alertId().equals(alertId));
    }

    @Override
    public synchronized int depth() {
        return queue.size();
    }
}
