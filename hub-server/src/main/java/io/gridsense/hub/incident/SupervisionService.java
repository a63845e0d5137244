package io.gridsense.hub.incident;

import io.gridsense.hub.HubEvents;
import io.gridsense.hub.db.Database;
import io.gridsense.hub.deadline.DeadlinePolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds running incidents past their deadline and supervises them (督办): each overdue incident gets a
 * SUPERVISED record, moves one command level up (ESCALATED; the city stays the city) and a new deadline from
 * that level's rule, so it is not supervised again until that one slips too. Each incident is handled in its
 * own locked transaction with the deadline re-checked, so hubs sweeping at once supervise it once.
 */
public final class SupervisionService {

    private static final Logger log = LoggerFactory.getLogger(SupervisionService.class);

    private final Database db;
    private final IncidentRepository incidents;
    private final DeadlinePolicy deadlines;
    private final HubEvents events;
    private final Clock clock;

    public SupervisionService(Database db, IncidentRepository incidents, DeadlinePolicy deadlines, HubEvents events,
                              Clock clock) {
        this.db = db;
        this.incidents = incidents;
        this.deadlines = deadlines;
        this.events = events;
        this.clock = clock;
    }

    /** One sweep; returns the incidents supervised now. */
    public List<Incident> sweep() {
        Instant now = clock.instant();
        List<String> ids = db.read(c -> incidents.overdueIds(c, now, 500));
        List<Incident> done = new ArrayList<>();
        for (String id : ids) {
            Incident s = db.tx(c -> {
                Incident i = incidents.lock(c, id).orElse(null);
                if (i == null || !i.state().deadlineRuns() || i.loop().deadlineAt() == null
                        || !i.loop().deadlineAt().isBefore(now)) {
                    return null; // another hub got there first, or the case moved on
                }
                IncidentLoop l = i.loop();
                CommandLevel up = l.level().up();
                Instant deadline = deadlines.deadline(l.category(), up, now);
                Incident after = i.with(i.state(), new LoopBuilder(l).supervisions(l.supervisions() + 1).supervisedAt(now)
                        .level(up).escalations(l.escalations() + (up != l.level() ? 1 : 0)).deadlineAt(deadline).build());
                incidents.update(c, after);
                incidents.appendTransition(c, id, now, "system", "SUPERVISED", "督办: overdue since " + l.deadlineAt()
                        + " level=" + l.level(), i.state(), i.state(), null);
                incidents.appendTransition(c, id, now, "system", "ESCALATED", "from=" + l.level() + " to=" + up
                        + " new_deadline=" + deadline, i.state(), i.state(), null);
                return after;
            });
            if (s != null) {
                log.info("event=incident_supervised incident={} level={} deadline={}", id, s.loop().level(),
                        s.loop().deadlineAt());
                events.incidentChanged(s, "supervised");
                done.add(s);
            }
        }
        return done;
    }
}
