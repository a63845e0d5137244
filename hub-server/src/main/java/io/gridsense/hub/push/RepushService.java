package io.gridsense.hub.push;

import io.gridsense.hub.db.Database;
import io.gridsense.hub.incident.Incident;
import io.gridsense.hub.incident.IncidentRepository;
import io.gridsense.hub.incident.IncidentState;
import io.gridsense.hub.worker.WorkerLocator;
import io.gridsense.protocol.WorkerPush;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-push on silence: an incident still REPORTED whose pushes nobody acknowledged within the timeout is pushed
 * to the next nearest on-duty worker not yet pushed (one per round, up to a number of rounds). The incident row
 * is locked and the silence re-checked inside the transaction, so hubs sweeping together add one round once.
 */
public final class RepushService {

    private static final Logger log = LoggerFactory.getLogger(RepushService.class);

    private final Database db;
    private final PushRepository pushes;
    private final IncidentRepository incidents;
    private final WorkerLocator locator;
    private final PushService pushService;
    private final double radiusMeters;
    private final Duration ackTimeout;
    private final int maxRounds;
    private final Clock clock;

    public RepushService(Database db, PushRepository pushes, IncidentRepository incidents, WorkerLocator locator,
                         PushService pushService, double radiusMeters, Duration ackTimeout, int maxRounds, Clock clock) {
        this.db = db;
        this.pushes = pushes;
        this.incidents = incidents;
        this.locator = locator;
        this.pushService = pushService;
        this.radiusMeters = radiusMeters;
        this.ackTimeout = ackTimeout;
        this.maxRounds = maxRounds;
        this.clock = clock;
    }

    /** One sweep; returns the pushes sent. */
    public List<WorkerPush> sweep() {
        List<PushRepository.Silent> silent = db.read(c -> pushes.silent(c, clock.instant().minus(ackTimeout), maxRounds, 200));
        List<WorkerPush> sent = new ArrayList<>();
        for (PushRepository.Silent s : silent) {
            List<WorkerPush> planned = db.tx(c -> {
                Incident i = incidents.lock(c, s.incidentId()).orElse(null);
                if (i == null || i.state() != IncidentState.REPORTED || i.lat() == null || i.lon() == null) {
                    return List.<WorkerPush>of();
                }
                if (!pushes.stillSilent(c, i.id(), clock.instant().minus(ackTimeout), s.round())) {
                    return List.<WorkerPush>of(); // acknowledged meanwhile, or another hub added the round
                }
                Set<String> already = pushes.pushedWorkers(c, i.id());
                List<PushTarget> next = locator.nearest(i.lat(), i.lon(), radiusMeters, 1, already).stream()
                        .map(n -> new PushTarget(n.worker(), n.distanceMeters(), PushReason.REPUSH)).toList();
                if (next.isEmpty()) {
                    log.warn("event=repush_no_target incident={} round={}", i.id(), s.round() + 1);
                    return List.<WorkerPush>of();
                }
                return pushService.store(c, i, null, next, s.round() + 1);
            });
            if (!planned.isEmpty()) {
                log.info("event=repush incident={} round={} worker={}", s.incidentId(), s.round() + 1, planned.get(0).workerId());
                pushService.deliver(planned);
                sent.addAll(planned);
            }
        }
        return sent;
    }
}
