package io.gridsense.hub.incident;

import java.time.Instant;
import java.util.Set;

/**
 * What a list of incidents is narrowed to: a grid subtree (the caller's scope, and/or a chosen grid), states,
 * category, command level, creation period and whether only overdue/supervised ones. Null means "any".
 */
public record IncidentFilter(String gridPathPrefix, String withinPathPrefix, Set<IncidentState> states, String category,
                             CommandLevel level, Instant from, Instant to, boolean supervisedOnly, String assignee,
                             int limit) {

    /** Everything, newest first, up to limit. */
    public static IncidentFilter all(int limit) {
        return new IncidentFilter(null, null, null, null, null, null, null, false, null, limit);
    }
}
