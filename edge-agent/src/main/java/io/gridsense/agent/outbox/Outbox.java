package io.gridsense.agent.outbox;

import io.gridsense.protocol.Alert;
import java.util.Optional;

/**
 * Alerts waiting for the broker's acknowledgement, oldest first. An alert leaves the outbox only when
 * the broker has acknowledged it (QoS 1), so a broker outage delays alerts but never drops them.
 */
public interface Outbox {

    /** Adds an alert at the tail. */
    void append(Alert alert);

    /** The oldest alert still to deliver, waiting up to {@code millis} for one to arrive. */
    Optional<Alert> peek(long millis) throws InterruptedException;

    /** Removes the alert with this id once the broker acknowledged it. */
    void acknowledged(String alertId);

    /** How many alerts are waiting. */
    int depth();
}
