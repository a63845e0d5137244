package io.gridsense.hub.access;

/** What a token holder may do: operators and admins read everything, workers their own, agents upload. */
public enum Role {
    OPERATOR, WORKER, AGENT, ADMIN;

    /** Whether this role sees the whole hub (not only its own pushes). */
    public boolean readsAll() {
        return this == OPERATOR || this == ADMIN;
    }
}
