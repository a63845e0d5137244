package io.gridsense.protocol;

import java.time.Instant;

/** A message that failed validation: where it came from, why it was refused, and its first bytes. */
public record DeadLetter(String topic, String reason, String payloadExcerpt, int payloadBytes, Instant receivedAt) {
}
