package io.gridsense.hub.incident;

/** The effect of one alert on the incidents: a new incident, or a merge into an open one. */
public record IncidentChange(Incident incident, boolean created) {

    /** "created" or "merged", for logs and board events. */
    public String action() {
        return created ? "created" : "merged";
    }
}
