package io.gridsense.hub.deadline;

import java.time.Duration;
import java.util.Locale;

/**
 * How long an incident may take, for a category and command level ("*" matches any): a number of calendar
 * days ("3d"), working hours ("8wh", counted on the {@link WorkCalendar}) or plain hours ("2h").
 */
public record DeadlineRule(String category, String level, int amount, Unit unit) {

    /** The units a time limit is written in. */
    public enum Unit { CALENDAR_DAYS, WORKING_HOURS, HOURS }

    public DeadlineRule {
        if (amount <= 0) {
            throw new IllegalArgumentException("a time limit must be positive");
        }
    }

    /** Parses "3d", "8wh", "2h". */
    public static DeadlineRule parse(String category, String level, String limit) {
        String s = limit.trim().toLowerCase(Locale.ROOT);
        Unit unit;
        String digits;
        if (s.endsWith("wh")) {
            unit = Unit.WORKING_HOURS;
            digits = s.substring(0, s.length() - 2);
        } else if (s.endsWith("d")) {
            unit = Unit.CALENDAR_DAYS;
            digits = s.substring(0, s.length() - 1);
        } else if (s.endsWith("h")) {
            unit = Unit.HOURS;
            digits = s.substring(0, s.length() - 1);
        } else {
            throw new IllegalArgumentException("time limit '" + limit + "': use <n>d, <n>wh or <n>h");
        }
        try {
            return new DeadlineRule(category, level, Integer.parseInt(digits.trim()), unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("time limit '" + limit + "': not a number", e);
        }
    }

    /** How specific the rule is: an exact category and level beat wildcards. */
    int specificity() {
        return ("*".equals(category) ? 0 : 2) + ("*".equals(level) ? 0 : 1);
    }

    boolean matches(String cat, String lvl) {
        return ("*".equals(category) || category.equalsIgnoreCase(cat)) && ("*".equals(level) || level.equalsIgnoreCase(lvl));
    }

    /** The plain length for HOURS; the others depend on the calendar. */
    Duration hours() {
        return Duration.ofHours(amount);
    }
}
