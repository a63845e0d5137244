package io.gridsense.hub.incident;

import io.gridsense.hub.grid.GridLevel;

/**
 * The four levels of command centres (综治中心) — village/community, town/street, county/district, city — that
 * handle and supervise incidents; escalation moves an incident one level up.
 */
public enum CommandLevel {
    VILLAGE, TOWN, COUNTY, CITY;

    /** The next level up; the city stays the city. */
    public CommandLevel up() {
        return this == CITY ? CITY : values()[ordinal() + 1];
    }

    /** The grid level whose grids a command centre of this level covers (the city spans all districts). */
    public GridLevel gridLevel() {
        return switch (this) {
            case VILLAGE -> GridLevel.COMMUNITY;
            case TOWN -> GridLevel.STREET;
            case COUNTY, CITY -> GridLevel.DISTRICT;
        };
    }

    /** The command level that covers a grid level (a grid or micro-grid is a village's). */
    public static CommandLevel of(GridLevel g) {
        return switch (g) {
            case DISTRICT -> COUNTY;
            case STREET -> TOWN;
            case COMMUNITY, GRID, MICROGRID -> VILLAGE;
        };
    }
}
