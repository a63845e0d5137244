package io.gridsense.hub.deadline;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * Office hours for "working hours" deadlines: one daily span (e.g. 08:30–17:30) on working weekdays, in a time
 * zone, minus holidays, plus make-up working days (调休) that fall on weekends.
 */
public record WorkCalendar(ZoneId zone, LocalTime dayStart, LocalTime dayEnd, Set<DayOfWeek> workDays,
                           Set<LocalDate> holidays, Set<LocalDate> extraWorkDays) {

    public WorkCalendar {
        if (!dayEnd.isAfter(dayStart)) {
            throw new IllegalArgumentException("dayEnd must be after dayStart");
        }
        workDays = Set.copyOf(workDays);
        holidays = Set.copyOf(holidays);
        extraWorkDays = Set.copyOf(extraWorkDays);
        if (workDays.isEmpty() && extraWorkDays.isEmpty()) {
            throw new IllegalArgumentException("a calendar needs working days");
        }
    }

    /** Monday to Friday, 08:30–17:30 China Standard Time, no holidays. */
    public static WorkCalendar chinaOfficeHours() {
        return new WorkCalendar(ZoneId.of("Asia/Shanghai"), LocalTime.of(8, 30), LocalTime.of(17, 30),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(), Set.of());
    }

    /** Whether a date is a working day. */
    public boolean isWorkDay(LocalDate d) {
        return extraWorkDays.contains(d) || (workDays.contains(d.getDayOfWeek()) && !holidays.contains(d));
    }

    /** The instant when {@code amount} of working time has passed after {@code start}. */
    public Instant plusWorkingTime(Instant start, Duration amount) {
        long left = amount.toSeconds();
        ZonedDateTime t = start.atZone(zone);
        int guard = 0;
        while (true) {
            LocalDate d = t.toLocalDate();
            if (isWorkDay(d)) {
                ZonedDateTime open = d.atTime(dayStart).atZone(zone);
                ZonedDateTime close = d.atTime(dayEnd).atZone(zone);
                ZonedDateTime from = t.isBefore(open) ? open : t;
                if (from.isBefore(close)) {
                    long avail = Duration.between(from, close).toSeconds();
                    if (left <= avail) {
                        return from.plusSeconds(left).toInstant();
                    }
                    left -= avail;
                }
            }
            t = d.plusDays(1).atStartOfDay(zone);
            if (++guard > 3660) { // ten years without enough working time: a misconfigured calendar
                throw new IllegalStateException("no working time found within ten years");
            }
        }
    }

    /** The instant {@code days} calendar days after {@code start}, at the same local time. */
    public Instant plusCalendarDays(Instant start, int days) {
        return start.atZone(zone).plusDays(days).toInstant();
    }
}
