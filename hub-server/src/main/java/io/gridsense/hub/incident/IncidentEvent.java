package io.gridsense.hub.incident;

import java.time.Instant;

/**
 * One audit record of an incident: who did what, when, from which state to which, with what evidence (a photo
 * path) — append-only.
 */
public record IncidentEvent(Instant at, String actor, String action, String detail, IncidentState fromState,
                            IncidentState toState, String evidence) {
}
