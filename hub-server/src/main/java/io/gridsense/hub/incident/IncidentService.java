package io.gridsense.hub.incident;

import io.gridsense.hub.camera.Camera;
import io.gridsense.hub.camera.CameraRepository;
import io.gridsense.hub.grid.Grid;
import io.gridsense.hub.grid.GridDirectory;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.EvidenceRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns alerts into incidents (create or merge) and moves incidents along the closed loop. */
public final class IncidentService {

    private static final Logger log = LoggerFactory.getLogger(IncidentService.class);

    private final IncidentRepository incidents;
    private final CameraRepository cameras;
    private final GridDirectory grids;
    private final Duration mergeWindow;
    private final Clock clock;

    public IncidentService(IncidentRepository incidents, CameraRepository cameras, GridDirectory grids,
                           Duration mergeWindow, Clock clock) {
        this.incidents = incidents;
        this.cameras = cameras;
        this.grids = grids;
        this.mergeWindow = mergeWindow;
        this.clock = clock;
    }

    /**
     * Applies one (new, already stored) alert inside the caller's transaction. The camera row is locked first
     * so two hubs handling alerts of one camera cannot both create an incident.
     */
    public IncidentChange applyAlert(Connection c, Alert a) throws SQLException {
        Instant now = clock.instant();
        Double lat = a.location() == null ? null : a.location().lat();
        Double lon = a.location() == null ? null : a.location().lon();
        Optional<Camera> camera = cameras.lock(c, a.cameraId());
        if (camera.isEmpty()) { // first heard of: create its row, then lock it (a known camera costs one statement)
            cameras.ensure(c, a.cameraId(), a.agentId(), a.site(), lat, lon, gridOf(lat, lon), now);
            camera = cameras.lock(c, a.cameraId());
        }
        if (lat == null && camera.isPresent() && camera.get().hasLocation()) {
            lat = camera.get().lat();   // the alert did not say where: the camera's known position
            lon = camera.get().lon();
        }
        String snapshot = a.evidence().stream().anyMatch(e -> EvidenceRef.SNAPSHOT.equals(e.kind()))
                ? snapshotPath(a.alertId()) : null;
        Instant at = a.detectedAt();
        Optional<Incident> open = incidents.openForMerge(c, a.cameraId(), a.type(), at.minus(mergeWindow));
        if (open.isPresent()) {
            Incident o = open.get();
            Incident merged = new Incident(o.id(), o.type(), o.state(), o.gridCode(), o.cameraId(), o.lat(), o.lon(),
                    o.firstAlertAt(), at.isAfter(o.lastAlertAt()) ? at : o.lastAlertAt(), o.alertCount() + 1,
                    Math.max(o.peopleCount(), a.peopleCount()), snapshot != null ? snapshot : o.snapshotUri(),
                    o.createdAt(), o.acceptedBy(), o.acceptedAt(), o.loop());
            incidents.updateMerge(c, merged);
            incidents.appendEvent(c, o.id(), now, "system", "ALERT_MERGED",
                    "alert=" + a.alertId() + " people=" + a.peopleCount() + " count=" + merged.alertCount());
            log.info("event=incident_merged incident={} alert={} camera={} count={}", o.id(), a.alertId(),
                    a.cameraId(), merged.alertCount());
            return new IncidentChange(merged, false);
        }
        String grid = lat == null ? null : gridOf(lat, lon);
        if (grid == null && camera.isPresent()) {
            grid = camera.get().gridCode();
        }
        Incident created = new Incident(incidents.nextId(c, now), a.type(), IncidentState.REPORTED, grid, a.cameraId(),
                lat, lon, at, at, 1, a.peopleCount(), snapshot, now, null, null,
                IncidentLoop.fresh("ALERT", a.type().name(), null, "system", grids.path(grid)));
        incidents.insert(c, created);
        incidents.appendEvent(c, created.id(), now, "system", "CREATED",
                "alert=" + a.alertId() + " type=" + a.type() + " grid=" + grid + " people=" + a.peopleCount());
        log.info("event=incident_created incident={} alert={} camera={} type={} grid={}", created.id(), a.alertId(),
                a.cameraId(), a.type(), grid);
        return new IncidentChange(created, true);
    }

    /** REPORTED → ACCEPTED by a worker or an operator; anything else is a conflict. */
    public Incident accept(Connection c, String incidentId, String actor) throws SQLException {
        Incident i = incidents.lock(c, incidentId).orElseThrow(() -> new IncidentNotFoundException(incidentId));
        if (!i.state().canGoTo(IncidentState.ACCEPTED)) {
            throw new IncidentConflictException("incident " + incidentId + " is " + i.state() + ", not REPORTED"
                    + (i.acceptedBy() == null ? "" : " (accepted by " + i.acceptedBy() + ")"));
        }
        Instant now = clock.instant();
        Incident accepted = i.accepted(actor, now);
        incidents.update(c, accepted);
        incidents.appendTransition(c, i.id(), now, actor, "ACCEPTED", "from=" + i.state(), i.state(),
                IncidentState.ACCEPTED, null);
        log.info("event=incident_accepted incident={} actor={}", i.id(), actor);
        return accepted;
    }

    /**
     * A case reported by hand (a gridworker on patrol, an operator taking a call): it enters the loop as REPORTED,
     * in the grid of its position (or the grid named), with the reporter in the audit trail.
     */
    public Incident report(Connection c, ManualReport r, String actor) throws SQLException {
        Instant now = clock.instant();
        String grid = r.gridCode() != null ? r.gridCode() : gridOf(r.lat(), r.lon());
        if (grid != null && grids.byCode(grid).isEmpty()) {
            throw new IllegalArgumentException("no grid " + grid);
        }
        String category = r.category() == null || r.category().isBlank() ? r.type().name() : r.category().trim();
        Incident created = new Incident(incidents.nextId(c, now), r.type(), IncidentState.REPORTED, grid, null, r.lat(),
                r.lon(), now, now, 0, 0, r.photoUri(), now, null, null,
                IncidentLoop.fresh("MANUAL", category, r.description(), actor, grids.path(grid)));
        incidents.insert(c, created);
        incidents.appendTransition(c, created.id(), now, actor, "REPORTED", "manual category=" + category + " grid=" + grid,
                null, IncidentState.REPORTED, r.photoUri());
        log.info("event=incident_reported incident={} actor={} category={} grid={}", created.id(), actor, category, grid);
        return created;
    }

    /** The hub path of an alert's snapshot (the agent uploads it there). */
    public static String snapshotPath(String alertId) {
        return "/api/evidence/" + alertId + "/snapshot.jpg";
    }

    private String gridOf(Double lat, Double lon) {
        return lat == null || lon == null ? null : grids.locate(lat, lon).map(Grid::code).orElse(null);
    }
}
