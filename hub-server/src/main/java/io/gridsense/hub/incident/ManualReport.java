package io.gridsense.hub.incident;

import io.gridsense.protocol.AlertType;

/**
 * A case reported by a person: its type, an optional finer category (deadlines are per category), what was
 * seen, where (a position, or a grid code), and an optional photo already uploaded to the evidence store.
 */
public record ManualReport(AlertType type, String category, String description, Double lat, Double lon, String gridCode,
                           String photoUri) {

    public ManualReport {
        if (type == null) {
            throw new IllegalArgumentException("type is required");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("description is required");
        }
        if ((lat == null) != (lon == null)) {
            throw new IllegalArgumentException("lat and lon go together");
        }
        if (lat == null && gridCode == null) {
            throw new IllegalArgumentException("a position (lat, lon) or a gridCode is required");
        }
        if (description.length() > 2000 || (category != null && category.length() > 64)) {
            throw new IllegalArgumentException("description ≤ 2000 chars, category ≤ 64");
        }
    }
}
