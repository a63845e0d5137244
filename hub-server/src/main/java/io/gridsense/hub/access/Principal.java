package io.gridsense.hub.access;

import java.time.Instant;

/** The verified holder of a token: for a worker, subject is the worker id; for an agent, the agent id. */
public record Principal(String subject, Role role, Instant expiresAt) {
}
