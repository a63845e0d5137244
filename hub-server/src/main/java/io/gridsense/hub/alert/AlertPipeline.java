package io.gridsense.hub.alert;

import io.gridsense.hub.HubEvents;
import io.gridsense.hub.db.Database;
import io.gridsense.hub.incident.IncidentChange;
import io.gridsense.hub.incident.IncidentService;
import io.gridsense.hub.push.PushService;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.WorkerPush;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One valid alert, end to end: store (idempotent) → incident (create or merge) → plan pushes, all in one
 * transaction; then, after the commit, announce to the boards and deliver the pushes.
 */
public final class AlertPipeline {

    private static final Logger log = LoggerFactory.getLogger(AlertPipeline.class);

    private record Outcome(IncidentChange change, List<WorkerPush> pushes) {
    }

    private final Database db;
    private final AlertRepository alerts;
    private final IncidentService incidents;
    private final PushService pushes;
    private final HubEvents events;
    private final Clock clock;

    public AlertPipeline(Database db, AlertRepository alerts, IncidentService incidents, PushService pushes,
                         HubEvents events, Clock clock) {
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
     * Ingests several alerts in one transaction (fewer commits: what lets one hub store thousands a second), in
     * camera order so that hubs locking cameras in the same order do not deadlock; then announces and pushes.
     * Returns how many were new.
     */
    public int ingestBatch(List<Received> batch) {
        List<Received> sorted = new java.util.ArrayList<>(batch);
        sorted.sort(java.util.Comparator.comparing((Received r) -> r.alert().cameraId()));
        List<Outcome> outcomes = db.tx(c -> {
            List<Outcome> out = new java.util.ArrayList<>();
            for (Received r : sorted) {
                Alert a = r.alert();
                if (!alerts.insertIfNew(c, a, r.raw(), clock.instant())) {
                    continue;
                }
                IncidentChange change = incidents.applyAlert(c, a);
                alerts.linkIncident(c, a.alertId(), change.incident().id());
                out.add(new Outcome(change, change.created() ? pushes.plan(c, change.incident(), a.alertId()) : List.of()));
            }
            return out;
        });
        for (Outcome o : outcomes) {
            log.info("event=alert_stored incident={} action={} batch={}", o.change().incident().id(), o.change().action(),
                    batch.size());
            events.incidentChanged(o.change().incident(), o.change().action());
            pushes.deliver(o.pushes());
        }
        return outcomes.size();
    }

    /** Ingests an alert; empty when its id was already known (a redelivery), else the incident change. */
    public Optional<IncidentChange> ingest(Alert a, String raw) {
        Outcome o = db.tx(c -> {
            if (!alerts.insertIfNew(c, a, raw, clock.instant())) {
                return null;
            }
            IncidentChange change = incidents.applyAlert(c, a);
            alerts.linkIncident(c, a.alertId(), change.incident().id());
            List<WorkerPush> planned = change.created() ? pushes.plan(c, change.incident(), a.alertId()) : List.of();
            return new Outcome(change, planned);
        });
        if (o == null) {
            log.debug("event=alert_duplicate alert={} camera={}", a.alertId(), a.cameraId());
            return Optional.empty();
        }
        log.info("event=alert_stored alert={} camera={} type={} incident={} action={}", a.alertId(), a.cameraId(),
                a.type(), o.change().incident().id(), o.change().action());
        events.incidentChanged(o.change().incident(), o.change().action());
        pushes.deliver(o.pushes());
        return Optional.of(o.change());
    }
}
