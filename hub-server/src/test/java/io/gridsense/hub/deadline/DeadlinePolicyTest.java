package io.gridsense.hub.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridsense.hub.incident.CommandLevel;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeadlinePolicyTest {

    private static final ZoneId CST = ZoneId.of("Asia/Shanghai");

    private static Instant at(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), CST).toInstant();
    }

    @Test
    void workingHoursSkipEveningsAndWeekends() {
        WorkCalendar cal = WorkCalendar.chinaOfficeHours();
        // Friday 16:30 + 4 working hours: one hour on Friday, three on Monday from 08:30
        assertThat(cal.plusWorkingTime(at("2026-11-27T16:30:00"), Duration.ofHours(4))).isEqualTo(at("2026-11-30T11:30:00"));
        // before opening counts from the opening
        assertThat(cal.plusWorkingTime(at("2026-11-25T06:00:00"), Duration.ofHours(2))).isEqualTo(at("2026-11-25T10:30:00"));
        // Saturday night counts from Monday's opening
        assertThat(cal.plusWorkingTime(at("2026-11-28T22:00:00"), Duration.ofHours(9))).isEqualTo(at("2026-11-30T17:30:00"));
    }

    @Test
    void holidaysAndMakeUpDays() {
        WorkCalendar cal = new WorkCalendar(CST, LocalTime.of(9, 0), LocalTime.of(17, 0),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(LocalDate.of(2026, 11, 30)),
                Set.of(LocalDate.of(2026, 11, 29)));
        // Friday 16:00 + 3 wh: 1 h Friday, 2 h on the make-up Sunday; the Monday holiday is never reached
        assertThat(cal.plusWorkingTime(at("2026-11-27T16:00:00"), Duration.ofHours(3))).isEqualTo(at("2026-11-29T11:00:00"));
        assertThat(cal.isWorkDay(LocalDate.of(2026, 11, 30))).isFalse();
        assertThat(cal.isWorkDay(LocalDate.of(2026, 11, 28))).isFalse();
    }

    @Test
    void calendarDaysKeepTheLocalTime() {
        DeadlinePolicy p = DeadlinePolicy.parse("GATHERING@VILLAGE=3d; *@*=2h", WorkCalendar.chinaOfficeHours());
        assertThat(p.deadline("GATHERING", CommandLevel.VILLAGE, at("2026-11-27T22:15:00"))).isEqualTo(at("2026-11-30T22:15:00"));
        assertThat(p.deadline("GATHERING", CommandLevel.TOWN, at("2026-11-27T22:15:00"))).isEqualTo(at("2026-11-28T00:15:00"));
    }

    @Test
    void theMostSpecificRuleWins() {
        DeadlinePolicy p = DeadlinePolicy.parse("*@*=5d; FIGHT@*=2d; *@TOWN=4d; FIGHT@TOWN=1d", WorkCalendar.chinaOfficeHours());
        assertThat(p.ruleFor("FIGHT", CommandLevel.TOWN).amount()).isEqualTo(1);
        assertThat(p.ruleFor("FIGHT", CommandLevel.CITY).amount()).isEqualTo(2);
        assertThat(p.ruleFor("GATHERING", CommandLevel.TOWN).amount()).isEqualTo(4);
        assertThat(p.ruleFor("OTHER", CommandLevel.VILLAGE).amount()).isEqualTo(5);
        assertThat(p.ruleFor("fight", CommandLevel.TOWN).amount()).isEqualTo(1);
    }

    @Test
    void badRulesAreRefused() {
        WorkCalendar cal = WorkCalendar.chinaOfficeHours();
        assertThatThrownBy(() -> DeadlinePolicy.parse("FIGHT@*=2d", cal)).hasMessageContaining("catch-all");
        assertThatThrownBy(() -> DeadlinePolicy.parse("*@*=2weeks", cal)).hasMessageContaining("<n>d");
        assertThatThrownBy(() -> DeadlinePolicy.parse("*@*=0d", cal)).hasMessageContaining("positive");
        assertThatThrownBy(() -> DeadlinePolicy.parse("nonsense", cal)).hasMessageContaining("CATEGORY@LEVEL=LIMIT");
    }
}
