package io.gridsense.hub.alert;

import io.gridsense.hub.HubEvents;
import io.gridsense.hub.db.Database;
import io.gridsense.hub.incident.IncidentChange;
import io.gridsense.hub.incident.IncidentService;
import io.gridsense.hub.push.PushService;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.WorkerPush;
import io.gridsense.hub.camera.Camera;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One valid alert, end to end: store (idempotent) → incident (create or merge) → plan pushes, all in one
 * transaction; then, after the commit, announce to the boards and deliver the pushes.
 */
public final class AlertPipeline {

    private static final Logger log = LoggerFactory.getLogger(AlertPipeline.class);

    private record Outcome(Alert alert, IncidentChange change, List<WorkerPush> pushes) {
    }

    private final Database db;
    private final AlertRepository alerts;
    private final IncidentService incidents;
    private final PushService pushes;
    private final HubEvents events;
    private final Clock clock;
    private final java.util.concurrent.Executor afterCommit;

    /** A pipeline that announces and delivers on the calling thread, before {@link #ingestBatch} returns. */
    public AlertPipeline(Database db, AlertRepository alerts, IncidentService incidents, PushService pushes,
                         HubEvents events, Clock clock) {
        this(db, alerts, incidents, pushes, events, clock, Runnable::run);
    }

    /**
     * A pipeline that hands the announcements and push deliveries of a committed batch to {@code afterCommit}
     * (one thread per ingest partition keeps their order, {@link DeliveryLanes}), so the batch's messages are
     * acknowledged as soon as they are committed: the broker lets only so many unacknowledged alerts out to the hub
     * (the hub's MQTT Receive Maximum, {@link MqttConnector}), so the time from receipt to ack bounds its intake.
     */
    public AlertPipeline(Database db, AlertRepository alerts, IncidentService incidents, PushService pushes,
                         HubEvents events, Clock clock, java.util.concurrent.Executor afterCommit) {
        this.afterCommit = afterCommit;
        this.db = db;
        this.alerts = alerts;
        this.incidents = incidents;
        this.pushes = pushes;
        this.events = events;
        this.clock = clock;
    }

    /** One decoded alert and its raw JSON. */
    public record Received(Alert alert, String raw) {
    }

    /**
     * Ingests several alerts in one transaction (fewer commits and round-trips: what lets one hub store thousands
     * a second): the batch's cameras are locked (one statement, in id order, so hubs sharing cameras never
     * deadlock), the ids already stored are looked up once (under the camera locks a redelivery to another hub
     * cannot slip in between), the merge rule runs in memory over one lookup of open incidents, and the incident,
     * audit, alert and push rows are written as JDBC batches. Then announces and pushes. Returns how many were new.
     */
    public int ingestBatch(List<Received> batch) {
        List<Outcome> outcomes = db.tx(c -> store(c, batch));
        afterCommit.execute(() -> {
            for (Outcome o : outcomes) {
                log.info("event=alert_stored alert={} camera={} incident={} action={} batch={}", o.alert().alertId(),
                        o.alert().cameraId(), o.change().incident().id(), o.change().action(), batch.size());
                events.incidentChanged(o.change().incident(), o.change().action());
                pushes.deliver(o.pushes());
            }
        });
        return outcomes.size();
    }

    private List<Outcome> store(Connection c, List<Received> batch) throws SQLException {
        List<Received> sorted = new ArrayList<>(batch);
        sorted.sort(Comparator.comparing((Received r) -> r.alert().cameraId())); // stable: a camera's alerts keep their order
        List<Alert> all = sorted.stream().map(Received::alert).toList();
        Map<String, Camera> locked = incidents.lockCameras(c, all);
        Set<String> seen = alerts.known(c, sorted.stream().map(r -> r.alert().alertId()).collect(Collectors.toSet()));
        List<Received> fresh = new ArrayList<>();
        for (Received r : sorted) {
            if (seen.add(r.alert().alertId())) { // a redelivery, stored before or earlier in this batch, is skipped
                fresh.add(r);
            }
        }
        List<IncidentChange> changes = incidents.applyAlerts(c, fresh.stream().map(Received::alert).toList(), locked);
        List<AlertRepository.Stored> rows = new ArrayList<>(fresh.size());
        List<PushService.NewIncident> created = new ArrayList<>();
        for (int k = 0; k < fresh.size(); k++) {
            Received r = fresh.get(k);
            IncidentChange ch = changes.get(k);
            rows.add(new AlertRepository.Stored(r.alert(), r.raw(), ch.incident().id()));
            if (ch.created()) {
                created.add(new PushService.NewIncident(ch.incident(), r.alert().alertId()));
            }
        }
        alerts.insertAll(c, rows, clock.instant());
        Map<String, List<WorkerPush>> planned = pushes.planAll(c, created).stream()
                .collect(Collectors.groupingBy(WorkerPush::incidentId));
        List<Outcome> out = new ArrayList<>(fresh.size());
        for (int k = 0; k < fresh.size(); k++) {
            IncidentChange ch = changes.get(k);
            out.add(new Outcome(fresh.get(k).alert(), ch,
                    ch.created() ? planned.getOrDefault(ch.incident().id(), List.of()) : List.of()));
        }
        return out;
    }

    /** Ingests an alert; empty when its id was already known (a redelivery), else the incident change. */
    public Optional<IncidentChange> ingest(Alert a, String raw) {
        List<Outcome> out = db.tx(c -> store(c, List.of(new Received(a, raw))));
        if (out.isEmpty()) {
            log.debug("event=alert_duplicate alert={} camera={}", a.alertId(), a.cameraId());
            return Optional.empty();
        }
        Outcome o = out.get(0);
        log.info("event=alert_stored alert={} camera={} type={} incident={} action={}", a.alertId(), a.cameraId(),
                a.type(), o.change().incident().id(), o.change().action());
        events.incidentChanged(o.change().incident(), o.change().action());
        pushes.deliver(o.pushes());
        return Optional.of(o.change());
    }
}
