package io.gridsense.hub.deadline;

import io.gridsense.hub.incident.CommandLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Deadlines per category and command level, e.g. {@code "FIGHT@VILLAGE=4wh; FIGHT@*=1d; *@*=3d"}: the most
 * specific matching rule wins; a deadline counts from the dispatch (or from an escalation).
 */
public final class DeadlinePolicy {

    /** A fight is urgent; a gathering is a day's work at village level; everything else three calendar days. */
    public static final String DEFAULT_RULES = "FIGHT@VILLAGE=4wh; FIGHT@TOWN=2wh; FIGHT@*=1wh; "
            + "GATHERING@VILLAGE=1d; GATHERING@*=8wh; *@VILLAGE=3d; *@*=2d";

    private final List<DeadlineRule> rules;
    private final WorkCalendar calendar;
    private final String text;

    public DeadlinePolicy(List<DeadlineRule> rules, WorkCalendar calendar, String text) {
        this.rules = new ArrayList<>(rules);
        this.rules.sort(Comparator.comparingInt(DeadlineRule::specificity).reversed());
        this.calendar = calendar;
        this.text = text;
        if (this.rules.stream().noneMatch(r -> r.matches("__any__", "__any__"))) {
            throw new IllegalArgumentException("deadline rules need a catch-all '*@*=…'");
        }
    }

    /** Parses "CATEGORY@LEVEL=LIMIT; …" (LIMIT as in {@link DeadlineRule#parse}). */
    public static DeadlinePolicy parse(String spec, WorkCalendar calendar) {
        List<DeadlineRule> rules = new ArrayList<>();
        for (String part : spec.split("[;\n]")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int at = p.indexOf('@');
            int eq = p.indexOf('=');
            if (at <= 0 || eq <= at + 1) {
                throw new IllegalArgumentException("deadline rule '" + p + "': write CATEGORY@LEVEL=LIMIT");
            }
            rules.add(DeadlineRule.parse(p.substring(0, at).trim(), p.substring(at + 1, eq).trim(), p.substring(eq + 1)));
        }
        return new DeadlinePolicy(rules, calendar, spec);
    }

    /** The defaults on China office hours. */
    public static DeadlinePolicy defaults() {
        return parse(DEFAULT_RULES, WorkCalendar.chinaOfficeHours());
    }

    /** The rule for a category at a level. */
    public DeadlineRule ruleFor(String category, CommandLevel level) {
        return rules.stream().filter(r -> r.matches(category, level.name())).findFirst().orElseThrow();
    }

    /** The deadline of work on a category at a level that starts at {@code start}. */
    public Instant deadline(String category, CommandLevel level, Instant start) {
        DeadlineRule r = ruleFor(category, level);
        return switch (r.unit()) {
            case CALENDAR_DAYS -> calendar.plusCalendarDays(start, r.amount());
            case WORKING_HOURS -> calendar.plusWorkingTime(start, r.hours());
            case HOURS -> start.plus(r.hours());
        };
    }

    public WorkCalendar calendar() {
        return calendar;
    }

    @Override
    public String toString() {
        return text;
    }
}
