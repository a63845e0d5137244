package io.gridsense.hub.access;

/**
 * What a token holder may do: admins everything; operators run the loop within their grid scope; gridworkers
 * (WORKER) work the cases pushed or dispatched to them; mediators read cases within their scope for video
 * mediation; agents upload evidence.
 */
public enum Role {
    OPERATOR, WORKER, AGENT, ADMIN, MEDIATOR;

    /** Whether this role reads every incident of its scope (not only those pushed to it). */
    public boolean readsAll() {
        return this == OPERATOR || this == ADMIN;
    }
}
