package io.gridsense.hub.grid;

import java.util.Locale;

/** The grid hierarchy from coarse to fine; a deeper level wins when several grids contain a point. */
public enum GridLevel {
    DISTRICT, STREET, COMMUNITY, GRID, MICROGRID;

    /** Depth in the hierarchy: 0 for district, 4 for micro-grid. */
    public int depth() {
        return ordinal();
    }

    /** Parses the lower-case name used in district files ("community"). */
    public static GridLevel parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    /** The lower-case name used in files and on the API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
