package io.gridsense.hub.access;

import java.time.Instant;

/**
 * The verified holder of a token: for a worker, subject is the worker id; for an agent, the agent id. Scope is
 * the code of the grid whose subtree an operator or mediator may see; null means the whole hub (an admin, or a
 * token issued in-process without a scope, as the demo launcher does).
 */
public record Principal(String subject, Role role, Instant expiresAt, String scope) {

    /** An unscoped principal. */
    public Principal(String subject, Role role, Instant expiresAt) {
        this(subject, role, expiresAt, null);
    }

    /** The audit name, e.g. "operator:op-1". */
    public String actor() {
        return role.name().toLowerCase(java.util.Locale.ROOT) + ":" + subject;
    }
}
