package io.gridsense.hub.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridsense.hub.deadline.DeadlinePolicy;
import io.gridsense.protocol.AlertType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every (state, action) pair of the loop: the legal ones move and are audited, the illegal ones change nothing. */
class LoopWorkflowTest {

    /** A path from REPORTED to each state. */
    static final Map<IncidentState, List<LoopAction>> PATH = new EnumMap<>(IncidentState.class);

    static {
        PATH.put(IncidentState.REPORTED, List.of());
        PATH.put(IncidentState.ACCEPTED, List.of(LoopAction.ACCEPT));
        PATH.put(IncidentState.REJECTED, List.of(LoopAction.REJECT));
        PATH.put(IncidentState.DISPATCHED, List.of(LoopAction.ACCEPT, LoopAction.DISPATCH));
        PATH.put(IncidentState.IN_PROGRESS, List.of(LoopAction.ACCEPT, LoopAction.DISPATCH, LoopAction.ARRIVE));
        PATH.put(IncidentState.HANDLED, List.of(LoopAction.ACCEPT, LoopAction.DISPATCH, LoopAction.ARRIVE, LoopAction.FEEDBACK));
        PATH.put(IncidentState.CLOSED, List.of(LoopAction.ACCEPT, LoopAction.DISPATCH, LoopAction.ARRIVE, LoopAction.FEEDBACK,
                LoopAction.VERIFY));
        PATH.put(IncidentState.EVALUATED, List.of(LoopAction.ACCEPT, LoopAction.DISPATCH, LoopAction.ARRIVE,
                LoopAction.FEEDBACK, LoopAction.VERIFY, LoopAction.EVALUATE));
    }

    static LoopFixture f;

    @BeforeAll
    static void open() throws Exception {
        f = new LoopFixture(false, DeadlinePolicy.defaults());
    }

    @AfterAll
    static void close() {
        f.close();
    }

    static Stream<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (IncidentState s : IncidentState.values()) {
            for (LoopAction a : LoopAction.values()) {
                out.add(Arguments.of(s, a));
            }
        }
        return out.stream();
    }

    private static Incident reach(IncidentState s) {
        Incident i = f.alertIncident();
        for (LoopAction a : PATH.get(s)) {
            i = f.act(i.id(), a, "operator:op-1");
        }
        assertThat(i.state()).isEqualTo(s);
        return i;
    }

    @ParameterizedTest(name = "{0} --{1}-->")
    @MethodSource("pairs")
    void onlyLegalTransitionsMove(IncidentState from, LoopAction action) {
        Incident i = reach(from);
        int auditBefore = f.events(i.id()).size();
        boolean legal = from.canGoTo(action.to()) && action.allowedFrom(from);
        if (legal) {
            Incident after = f.act(i.id(), action, "operator:op-2");
            assertThat(after.state()).isEqualTo(action.to());
            assertThat(f.get(i.id()).state()).isEqualTo(action.to());
            List<IncidentEvent> trail = f.events(i.id());
            assertThat(trail).hasSize(auditBefore + 1);
            IncidentEvent last = trail.get(trail.size() - 1);
            assertThat(last.actor()).isEqualTo("operator:op-2");
            assertThat(last.action()).isEqualTo(action.name());
            assertThat(last.fromState()).isEqualTo(from);
            assertThat(last.toState()).isEqualTo(action.to());
            assertThat(last.at()).isEqualTo(f.clock.instant());
        } else {
            assertThatThrownBy(() -> f.act(i.id(), action, "operator:op-2")).isInstanceOf(IncidentConflictException.class)
                    .hasMessageContaining(from.name());
            assertThat(f.get(i.id()).state()).isEqualTo(from);
            assertThat(f.events(i.id())).hasSize(auditBefore);
        }
    }

    @Test
    void theTablesAgree() {
        for (LoopAction a : LoopAction.values()) {
            for (IncidentState s : a.from()) {
                assertThat(s.canGoTo(a.to())).as(s + " " + a).isTrue();
            }
        }
        // every legal state change is reachable through some action
        for (IncidentState s : IncidentState.values()) {
            for (IncidentState t : s.next()) {
                assertThat(Stream.of(LoopAction.values()).anyMatch(a -> a.allowedFrom(s) && a.to() == t)).as(s + "->" + t).isTrue();
            }
        }
    }

    @Test
    void theFullLoopRecordsEveryStepWithEvidence() {
        Incident i = f.alertIncident();
        String id = i.id();
        f.act(id, LoopAction.ACCEPT, "operator:op-1");
        Incident d = f.act(id, LoopAction.DISPATCH, "operator:op-1");
        assertThat(d.loop().assignee()).isEqualTo("w-01");
        assertThat(d.loop().deadlineAt()).isAfter(f.clock.instant());
        f.clock.advance(java.time.Duration.ofMinutes(7));
        Incident arrived = f.act(id, LoopAction.ARRIVE, "worker:w-01");
        assertThat(arrived.loop().arrivedAt()).isEqualTo(f.clock.instant());
        Incident handled = f.act(id, LoopAction.FEEDBACK, "worker:w-01");
        assertThat(handled.loop().feedbackPhoto()).endsWith(".jpg");
        assertThat(f.act(id, LoopAction.REWORK, "operator:op-1").loop().reworkCount()).isEqualTo(1);
        f.act(id, LoopAction.FEEDBACK, "worker:w-01");
        Incident closed = f.act(id, LoopAction.VERIFY, "operator:op-1");
        assertThat(closed.loop().onTime()).isTrue();
        assertThat(closed.loop().closedAt()).isEqualTo(f.clock.instant());
        Incident evaluated = f.act(id, LoopAction.EVALUATE, "operator:op-1");
        assertThat(evaluated.loop().rating()).isEqualTo(4);
        List<IncidentEvent> trail = f.events(id);
        assertThat(trail).extracting(IncidentEvent::action).containsExactly("CREATED", "ACCEPT", "DISPATCH", "ARRIVE",
                "FEEDBACK", "REWORK", "FEEDBACK", "VERIFY", "EVALUATE");
        assertThat(trail.get(4).evidence()).endsWith(".jpg");
        assertThat(trail.get(4).actor()).isEqualTo("worker:w-01");
    }

    @Test
    void aStepMissingWhatItNeedsIsRefused() {
        Incident i = reach(IncidentState.ACCEPTED);
        assertThatThrownBy(() -> f.db.tx(c -> f.loop.perform(c, i.id(), LoopCommand.of(LoopAction.DISPATCH, "operator:op-1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("assignee");
        assertThatThrownBy(() -> f.db.tx(c -> f.loop.perform(c, i.id(), new LoopCommand(LoopAction.DISPATCH, "operator:op-1",
                null, null, "nobody", null)))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no worker");
        assertThatThrownBy(() -> f.db.tx(c -> f.loop.perform(c, i.id(), LoopCommand.of(LoopAction.REJECT, "operator:op-1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
        assertThat(f.get(i.id()).state()).isEqualTo(IncidentState.ACCEPTED);
    }

    @Test
    void aFalseAlarmBecomesLabelledSamplesForTraining() {
        Incident i = f.alertIncident("cam-false", AlertType.FIGHT);
        f.alertIncident("cam-false", AlertType.FIGHT); // a second alert merges into the same incident
        long before = f.samples().size();
        Incident rejected = f.db.tx(c -> f.loop.perform(c, i.id(), new LoopCommand(LoopAction.REJECT, "worker:w-01",
                "children playing, not a fight", null, null, null)));
        assertThat(rejected.state()).isEqualTo(IncidentState.REJECTED);
        List<FalseAlarmSample> samples = f.samples();
        assertThat(samples).hasSize((int) before + 2);
        FalseAlarmSample s = samples.get(samples.size() - 1);
        assertThat(s.incidentId()).isEqualTo(i.id());
        assertThat(s.label()).isEqualTo("FALSE_ALARM");
        assertThat(s.type()).isEqualTo("FIGHT");
        assertThat(s.cameraId()).isEqualTo("cam-false");
        assertThat(s.verdictBy()).isEqualTo("worker:w-01");
        assertThat(s.note()).contains("children");
        assertThat(s.snapshotUri()).isEqualTo("/api/evidence/" + s.alertId() + "/snapshot.jpg");
        assertThat(s.alertJson()).contains(s.alertId());
        // a new alert of that camera opens a new incident: a rejected one takes no more alerts
        assertThat(f.alertIncident("cam-false", AlertType.FIGHT).id()).isNotEqualTo(i.id());
    }

    @Test
    void aGridworkerClaimsAPushedCase() {
        Incident i = f.alertIncident();
        Incident claimed = f.db.tx(c -> f.loop.claim(c, i.id(), "w-02", "worker:w-02"));
        assertThat(claimed.state()).isEqualTo(IncidentState.DISPATCHED);
        assertThat(claimed.loop().assignee()).isEqualTo("w-02");
        assertThat(claimed.acceptedBy()).isEqualTo("worker:w-02");
        assertThatThrownBy(() -> f.db.tx(c -> f.loop.claim(c, i.id(), "w-01", "worker:w-01")))
                .isInstanceOf(IncidentConflictException.class).hasMessageContaining("w-02");
    }

    @Test
    void aManualReportEntersTheLoopInItsGrid() {
        Incident r = f.db.tx(c -> f.service.report(c, new ManualReport(AlertType.GATHERING, "ENV_SANITATION",
                "rubbish piled at the gate", 30.2745, 120.1525, null, null), "worker:w-07"));
        assertThat(r.state()).isEqualTo(IncidentState.REPORTED);
        assertThat(r.gridCode()).isEqualTo("330106001001-03");
        assertThat(r.loop().source()).isEqualTo("MANUAL");
        assertThat(r.loop().category()).isEqualTo("ENV_SANITATION");
        assertThat(r.loop().gridPath()).isEqualTo("/330106000000/330106001000/330106001001/330106001001-03/");
        assertThat(f.events(r.id()).get(0).actor()).isEqualTo("worker:w-07");
        assertThatThrownBy(() -> new ManualReport(AlertType.FIGHT, null, "", 1.0, 2.0, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
