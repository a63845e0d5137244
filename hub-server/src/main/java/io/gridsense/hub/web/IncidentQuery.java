package io.gridsense.hub.web;

import io.gridsense.hub.grid.GridDirectory;
import io.gridsense.hub.incident.CommandLevel;
import io.gridsense.hub.incident.IncidentFilter;
import io.gridsense.hub.incident.IncidentState;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Reads the board's incident filters from a query string; a bad value is an IllegalArgumentException (400). */
final class IncidentQuery {

    private IncidentQuery() {
    }

    static IncidentFilter parse(RoutingContext ctx, String scopePrefix, GridDirectory grids, int limit) {
        var q = ctx.request();
        Set<IncidentState> states = null;
        String st = q.getParam("state");
        if (st != null && !st.isBlank()) {
            states = EnumSet.noneOf(IncidentState.class);
            for (String s : st.split(",")) {
                states.add(IncidentState.valueOf(s.trim().toUpperCase(Locale.ROOT)));
            }
        }
        String grid = blank(q.getParam("grid"));
        String within = null;
        if (grid != null) {
            within = grids.path(grid);
            if (within == null) {
                throw new IllegalArgumentException("no grid " + grid);
            }
        }
        String level = blank(q.getParam("level"));
        return new IncidentFilter(scopePrefix, within, states, blank(q.getParam("category")),
                level == null ? null : CommandLevel.valueOf(level.toUpperCase(Locale.ROOT)), time(q.getParam("from")),
                time(q.getParam("to")), "true".equals(q.getParam("supervised")), blank(q.getParam("assignee")), limit);
    }

    /** An ISO instant or a date (taken as UTC midnight). */
    static Instant time(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("bad time '" + s + "': use 2026-11-25 or 2026-11-25T08:00:00Z");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
