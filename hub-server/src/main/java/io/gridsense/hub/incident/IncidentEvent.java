package io.gridsense.hub.incident;

import java.time.Instant;

/** One audit record of an incident: who did what, when. */
public record IncidentEvent(Instant at, String actor, String action, String detail) {
}
