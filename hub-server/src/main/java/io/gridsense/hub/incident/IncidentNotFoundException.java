package io.gridsense.hub.incident;

/** No incident has the given id. */
public final class IncidentNotFoundException extends RuntimeException {
    public IncidentNotFoundException(String id) {
        super("no incident " + id);
    }
}
