package io.gridsense.hub.push;

import io.gridsense.hub.grid.Grid;
import io.gridsense.hub.grid.GridDirectory;
import io.gridsense.hub.incident.Incident;
import io.gridsense.hub.worker.Worker;
import io.gridsense.hub.worker.WorkerLocator;
import io.gridsense.hub.worker.WorkerRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import io.gridsense.protocol.GeoPoint;
import io.gridsense.protocol.WireCodec;
import io.gridsense.protocol.WorkerPush;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans the pushes of a new incident (inside the incident's transaction, so the rows and the incident commit
 * together) and delivers them on every channel after the commit.
 * Candidates come from the grid's own on-duty workers (database) and the in-memory {@link WorkerLocator}
 * (nearest within the radius), so a push never scans every worker of the city. Re-push on silence is
 * {@link RepushService}.
 */
public final class PushService {

    private static final Logger log = LoggerFactory.getLogger(PushService.class);

    private final WorkerRepository workers;
    private final WorkerLocator locator;
    private final PushRepository pushes;
    private final GridDirectory grids;
    private final PushTargetSelector selector;
    private final List<PushChannel> channels;
    private final Clock clock;

    public PushService(WorkerRepository workers, WorkerLocator locator, PushRepository pushes, GridDirectory grids,
                       PushTargetSelector selector, List<PushChannel> channels, Clock clock) {
        this.workers = workers;
        this.locator = locator;
        this.pushes = pushes;
        this.grids = grids;
        this.selector = selector;
        this.channels = List.copyOf(channels);
        this.clock = clock;
    }

    /** Chooses targets for a new incident and stores one push each; returns the messages to deliver. */
    public List<WorkerPush> plan(Connection c, Incident incident, String alertId) throws SQLException {
        return planAll(c, List.of(new NewIncident(incident, alertId)));
    }

    /** A new incident and the alert that made it, for {@link #planAll}. */
    public record NewIncident(Incident incident, String alertId) {
    }

    /**
     * {@link #plan} for the new incidents of an ingest batch: the on-duty workers of all their grids are read with
     * one statement and all pushes are stored as one JDBC batch. Returns the messages to deliver, incident by incident.
     */
    public List<WorkerPush> planAll(Connection c, List<NewIncident> created) throws SQLException {
        Set<String> grids = new java.util.TreeSet<>();
        created.forEach(n -> {
            if (n.incident().gridCode() != null) {
                grids.add(n.incident().gridCode());
            }
        });
        Map<String, List<Worker>> gridWorkers = workers.onDutyInGrids(c, grids); // one round-trip for the batch
        List<PushRecord> records = new ArrayList<>();
        List<WorkerPush> out = new ArrayList<>();
        for (NewIncident n : created) {
            Incident incident = n.incident();
            Map<String, Worker> candidates = new LinkedHashMap<>();
            if (incident.gridCode() != null) {
                gridWorkers.get(incident.gridCode()).forEach(w -> candidates.put(w.id(), w));
            }
            if (incident.lat() != null && incident.lon() != null) {
                locator.nearest(incident.lat(), incident.lon(), selector.radiusMeters(), selector.nearestK(), Set.of())
                        .forEach(nb -> candidates.putIfAbsent(nb.worker().id(), nb.worker()));
            }
            List<PushTarget> targets = selector.select(incident.gridCode(), incident.lat(), incident.lon(),
                    List.copyOf(candidates.values()));
            out.addAll(messages(incident, n.alertId(), targets, records));
        }
        pushes.insertAll(c, records, 0);
        return out;
    }

    /** Stores one push per target (round 0 first, then re-push rounds); returns the messages to deliver. */
    List<WorkerPush> store(Connection c, Incident incident, String alertId, List<PushTarget> targets, int round)
            throws SQLException {
        List<PushRecord> records = new ArrayList<>();
        List<WorkerPush> out = messages(incident, alertId, targets, records);
        pushes.insertAll(c, records, round);
        return out;
    }

    /** The push rows (added to {@code records}) and messages for one incident's targets. */
    private List<WorkerPush> messages(Incident incident, String alertId, List<PushTarget> targets, List<PushRecord> records) {
        String gridName = grids.byCode(incident.gridCode()).map(Grid::name).orElse(null);
        Instant now = clock.instant();
        GeoPoint where = incident.lat() == null ? new GeoPoint(0, 0) : new GeoPoint(incident.lat(), incident.lon());
        List<WorkerPush> out = new ArrayList<>();
        for (PushTarget t : targets) {
            String pushId = "P-" + UUID.randomUUID();
            double distance = Math.max(0, Math.round(t.distanceMeters() * 10) / 10.0);
            records.add(new PushRecord(pushId, incident.id(), t.worker().id(), now, distance, t.reason(), null));
            out.add(new WorkerPush(WireCodec.SCHEMA_VERSION, pushId, t.worker().id(), incident.id(), alertId,
                    incident.type(), incident.gridCode(), gridName, incident.cameraId(), where, distance,
                    t.reason().name(), incident.snapshotUri(), now));
        }
        if (targets.isEmpty()) {
            log.warn("event=push_no_target incident={} grid={}", incident.id(), incident.gridCode());
        }
        return out;
    }

    /** Sends planned pushes on every channel; a failing channel is logged and does not stop the others. */
    public void deliver(List<WorkerPush> planned) {
        for (WorkerPush p : planned) {
            for (PushChannel ch : channels) {
                try {
                    ch.deliver(p);
                } catch (RuntimeException e) {
                    log.warn("event=push_channel_failed push={} worker={} channel={} error={}", p.pushId(), p.workerId(),
                            ch.getClass().getSimpleName(), e.toString());
                }
            }
            log.info("event=push_sent push={} incident={} worker={} reason={} distance_m={}", p.pushId(), p.incidentId(),
                    p.workerId(), p.reason(), p.distanceMeters());
        }
    }
}
