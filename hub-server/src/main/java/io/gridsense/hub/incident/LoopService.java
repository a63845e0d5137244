package io.gridsense.hub.incident;

import io.gridsense.hub.deadline.DeadlinePolicy;
import io.gridsense.hub.worker.WorkerRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves incidents along the closed loop: checks the transition is legal, fills in what the step records
 * (assignee and deadline, arrival, feedback, closure and punctuality, rework, rating), appends the audit record
 * and, for a false-alarm verdict, stores the labelled samples. Who may ask is the caller's check
 * ({@code IncidentAccess}); this class guards the loop itself.
 */
public final class LoopService {

    private static final Logger log = LoggerFactory.getLogger(LoopService.class);

    private final IncidentRepository incidents;
    private final FalseAlarmRepository falseAlarms;
    private final WorkerRepository workers;
    private final DeadlinePolicy deadlines;
    private final Clock clock;

    public LoopService(IncidentRepository incidents, FalseAlarmRepository falseAlarms, WorkerRepository workers,
                       DeadlinePolicy deadlines, Clock clock) {
        this.incidents = incidents;
        this.falseAlarms = falseAlarms;
        this.workers = workers;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /** Performs one step inside the caller's transaction (the row is locked); returns the incident after it. */
    public Incident perform(Connection c, String incidentId, LoopCommand cmd) throws SQLException {
        Incident i = incidents.lock(c, incidentId).orElseThrow(() -> new IncidentNotFoundException(incidentId));
        LoopAction a = cmd.action();
        if (!a.allowedFrom(i.state())) {
            throw new IncidentConflictException("incident " + incidentId + " is " + i.state() + ": cannot " + a.path()
                    + " (allowed from " + a.from() + ")");
        }
        Instant now = clock.instant();
        IncidentLoop l = i.loop();
        Incident after;
        String detail;
        switch (a) {
            case ACCEPT -> {
                after = i.accepted(cmd.actor(), now);
                detail = "accepted";
            }
            case REJECT -> {
                String note = required(cmd.note(), "a reason (note) is required to reject");
                int samples = falseAlarms.record(c, i.id(), cmd.actor(), now, note);
                after = i.with(IncidentState.REJECTED, copy(l).closedAt(now).build());
                detail = "false alarm: " + note + " samples=" + samples;
            }
            case DISPATCH -> {
                String who = required(cmd.assignee(), "an assignee (worker id) is required to dispatch");
                if (workers.find(c, who).isEmpty()) {
                    throw new IllegalArgumentException("no worker " + who);
                }
                Instant deadline = deadlines.deadline(l.category(), l.level(), now);
                after = i.with(IncidentState.DISPATCHED, copy(l).assignee(who).dispatchedAt(now).deadlineAt(deadline).build());
                detail = "to=" + who + " deadline=" + deadline + " rule=" + deadlines.ruleFor(l.category(), l.level());
            }
            case ARRIVE -> {
                after = i.with(IncidentState.IN_PROGRESS, copy(l).arrivedAt(l.arrivedAt() == null ? now : l.arrivedAt()).build());
                detail = "arrived";
            }
            case FEEDBACK -> {
                String note = required(cmd.note(), "a note is required as feedback");
                after = i.with(IncidentState.HANDLED, copy(l).handledAt(now).feedbackNote(note)
                        .feedbackPhoto(cmd.evidence() != null ? cmd.evidence() : l.feedbackPhoto()).build());
                detail = note;
            }
            case VERIFY -> {
                boolean onTime = l.supervisions() == 0 && (l.deadlineAt() == null || !now.isAfter(l.deadlineAt()));
                after = i.with(IncidentState.CLOSED, copy(l).closedAt(now).onTime(onTime).build());
                detail = "closed on_time=" + onTime + (cmd.note() == null ? "" : " " + cmd.note());
            }
            case REWORK -> {
                String note = required(cmd.note(), "a reason (note) is required to send back");
                after = i.with(IncidentState.IN_PROGRESS, copy(l).reworkCount(l.reworkCount() + 1).build());
                detail = "rework: " + note;
            }
            case EVALUATE -> {
                if (cmd.rating() == null || cmd.rating() < 1 || cmd.rating() > 5) {
                    throw new IllegalArgumentException("a rating of 1..5 is required to evaluate");
                }
                after = i.with(IncidentState.EVALUATED, copy(l).evaluatedAt(now).rating(cmd.rating()).build());
                detail = "rating=" + cmd.rating() + (cmd.note() == null ? "" : " " + cmd.note());
            }
            default -> throw new IllegalStateException("unhandled " + a);
        }
        incidents.update(c, after);
        incidents.appendTransition(c, i.id(), now, cmd.actor(), a.name(), detail, i.state(), after.state(), cmd.evidence());
        log.info("event=incident_{} incident={} actor={} from={} to={}", a.path(), i.id(), cmd.actor(), i.state(),
                after.state());
        return after;
    }

    /**
     * A gridworker takes a pushed case: accepted (if still REPORTED) and dispatched to them, with the deadline of
     * the case's category and level — two audit records, one transaction.
     */
    public Incident claim(Connection c, String incidentId, String workerId, String actor) throws SQLException {
        Incident i = incidents.lock(c, incidentId).orElseThrow(() -> new IncidentNotFoundException(incidentId));
        if (i.state() == IncidentState.REPORTED) {
            perform(c, incidentId, LoopCommand.of(LoopAction.ACCEPT, actor));
        } else if (i.state() != IncidentState.ACCEPTED) {
            throw new IncidentConflictException("incident " + incidentId + " is " + i.state() + ", not REPORTED"
                    + (i.loop().assignee() == null ? "" : " (taken by " + i.loop().assignee() + ")"));
        }
        return perform(c, incidentId, new LoopCommand(LoopAction.DISPATCH, actor, null, null, workerId, null));
    }

    private static String required(String s, String message) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(message);
        }
        return s.trim();
    }

    private static LoopBuilder copy(IncidentLoop l) {
        return new LoopBuilder(l);
    }
}
