package io.gridsense.hub.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.hub.deadline.DeadlinePolicy;
import io.gridsense.protocol.AlertType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Overdue → 督办 and one level up, with a hand-moved clock, on H2 and on PostgreSQL. */
class SupervisionTest {

    private static Instant cst(String t) {
        return LocalDateTime.parse(t).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void overdueCasesAreSupervisedAndEscalatedOneLevelAtATime(boolean postgres) throws Exception {
        try (LoopFixture f = new LoopFixture(postgres, DeadlinePolicy.defaults())) {
            Incident i = f.alertIncident("cam-late", AlertType.FIGHT);      // Wednesday 09:00
            f.act(i.id(), LoopAction.ACCEPT, "operator:op-1");
            Incident d = f.act(i.id(), LoopAction.DISPATCH, "operator:op-1");
            assertThat(d.loop().deadlineAt()).isEqualTo(cst("2026-11-25T13:00:00"));  // FIGHT@VILLAGE = 4 working hours
            Incident onTimeCase = f.alertIncident("cam-fast", AlertType.GATHERING);
            f.act(onTimeCase.id(), LoopAction.ACCEPT, "operator:op-1");
            assertThat(f.act(onTimeCase.id(), LoopAction.DISPATCH, "operator:op-1").loop().deadlineAt())
                    .isEqualTo(cst("2026-11-26T09:00:00"));                        // GATHERING@VILLAGE = 1 calendar day

            f.clock.advance(Duration.ofHours(3));
            assertThat(f.supervision.sweep()).isEmpty();

            f.clock.advance(Duration.ofHours(2));                                 // 14:00, an hour late
            List<Incident> first = f.supervision.sweep();
            assertThat(first).extracting(Incident::id).containsExactly(i.id());
            Incident s1 = f.get(i.id());
            assertThat(s1.state()).isEqualTo(IncidentState.DISPATCHED);          // supervision does not move the state
            assertThat(s1.loop().level()).isEqualTo(CommandLevel.TOWN);
            assertThat(s1.loop().supervisions()).isEqualTo(1);
            assertThat(s1.loop().escalations()).isEqualTo(1);
            assertThat(s1.loop().supervisedAt()).isEqualTo(f.clock.instant());
            assertThat(s1.loop().deadlineAt()).isEqualTo(cst("2026-11-25T16:00:00")); // FIGHT@TOWN = 2 wh
            assertThat(f.supervision.sweep()).as("supervised once per slipped deadline").isEmpty();

            f.clock.advance(Duration.ofHours(3));                                 // 17:00: the town's deadline slipped too
            assertThat(f.supervision.sweep()).hasSize(1);
            Incident s2 = f.get(i.id());
            assertThat(s2.loop().level()).isEqualTo(CommandLevel.COUNTY);
            assertThat(s2.loop().deadlineAt()).isEqualTo(cst("2026-11-26T09:00:00")); // 30 min today, 30 min tomorrow

            List<IncidentEvent> trail = f.events(i.id());
            assertThat(trail).extracting(IncidentEvent::action).containsSubsequence("DISPATCH", "SUPERVISED", "ESCALATED",
                    "SUPERVISED", "ESCALATED");
            assertThat(trail.stream().filter(e -> e.action().equals("ESCALATED")).map(IncidentEvent::detail))
                    .containsExactly("from=VILLAGE to=TOWN new_deadline=2026-11-25T08:00:00Z",
                            "from=TOWN to=COUNTY new_deadline=2026-11-26T01:00:00Z");

            // a supervised case never closes on time; the other one does
            f.act(i.id(), LoopAction.ARRIVE, "worker:w-01");
            f.act(i.id(), LoopAction.FEEDBACK, "worker:w-01");
            assertThat(f.act(i.id(), LoopAction.VERIFY, "operator:op-1").loop().onTime()).isFalse();
            f.act(onTimeCase.id(), LoopAction.ARRIVE, "worker:w-01");
            f.act(onTimeCase.id(), LoopAction.FEEDBACK, "worker:w-01");
            assertThat(f.act(onTimeCase.id(), LoopAction.VERIFY, "operator:op-1").loop().onTime()).isTrue();
            assertThat(f.supervision.sweep()).as("closed cases are not watched").isEmpty();
        }
    }
}
