package io.gridsense.hub.incident;

/** A state change that the closed loop does not allow from the incident's current state. */
public final class IncidentConflictException extends RuntimeException {
    public IncidentConflictException(String message) {
        super(message);
    }
}
