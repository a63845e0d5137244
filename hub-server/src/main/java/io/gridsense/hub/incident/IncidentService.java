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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns alerts into incidents (create or merge) and moves incidents along the closed loop. */
public final class IncidentService {

    private static final Logger log = LoggerFactory.getLogger(IncidentService.class);

    private final IncidentRepository incidents;
    private final IncidentBatchStore batch = new IncidentBatchStore();
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

    /**
     * Row-locks the cameras of a batch of alerts, creating rows for cameras first heard of; returns them by id.
     * All existing cameras are locked with one statement in id order, then the new ones (inserted and locked in
     * id order): hubs taking locks this way wait for each other but never deadlock. Once a camera is locked, its
     * alerts and open incidents are this transaction's alone until it commits.
     */
    public Map<String, Camera> lockCameras(Connection c, List<Alert> alerts) throws SQLException {
        TreeMap<String, Alert> first = new TreeMap<>();
        for (Alert a : alerts) {
            first.putIfAbsent(a.cameraId(), a);
        }
        Map<String, Camera> locked = cameras.lockAll(c, first.keySet());
        List<CameraRepository.NewCamera> missing = new ArrayList<>();
        for (Alert a : first.values()) {
            if (!locked.containsKey(a.cameraId())) {
                Double lat = a.location() == null ? null : a.location().lat();
                Double lon = a.location() == null ? null : a.location().lon();
                missing.add(new CameraRepository.NewCamera(a.cameraId(), a.agentId(), a.site(), lat, lon, gridOf(lat, lon)));
            }
        }
        if (!missing.isEmpty()) {
            cameras.ensureAll(c, missing, clock.instant());
            locked.putAll(cameras.lockAll(c, missing.stream().map(CameraRepository.NewCamera::cameraId).toList()));
        }
        return locked;
    }

    /**
     * {@link #applyAlert} for a batch of new (not yet stored) alerts whose cameras the caller locked with
     * {@link #lockCameras}: one merge lookup for the batch, the merge rule applied in memory in the given order,
     * then the incident rows and audit records written as JDBC batches. Returns one change per alert, in order.
     */
    public List<IncidentChange> applyAlerts(Connection c, List<Alert> alerts, Map<String, Camera> locked)
            throws SQLException {
        if (alerts.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        Instant since = alerts.stream().map(Alert::detectedAt).min(Instant::compareTo).orElseThrow().minus(mergeWindow);
        // per camera and type the open incident with the newest last alert: the one a lookup would merge into
        Map<String, Incident> newest = new HashMap<>();
        Set<String> cameraIds = new TreeSet<>();
        alerts.forEach(a -> cameraIds.add(a.cameraId()));
        for (Incident i : batch.openForMerge(c, cameraIds, since)) {
            newest.merge(i.cameraId() + "|" + i.type(), i, (x, y) -> y.lastAlertAt().isAfter(x.lastAlertAt()) ? y : x);
        }
        Map<String, Incident> created = new LinkedHashMap<>();
        Map<String, Incident> merged = new LinkedHashMap<>();
        java.util.Deque<String> ids = new java.util.ArrayDeque<>(incidents.nextIds(c, now, creations(alerts, newest)));
        List<AuditLog.Entry> events = new ArrayList<>();
        List<IncidentChange> out = new ArrayList<>(alerts.size());
        for (Alert a : alerts) {
            String key = a.cameraId() + "|" + a.type();
            String snapshot = snapshotOf(a);
            Incident o = newest.get(key);
            if (o != null && !o.lastAlertAt().isBefore(a.detectedAt().minus(mergeWindow))) {
                Incident m = merge(o, a, snapshot);
                newest.put(key, m);
                (created.containsKey(m.id()) ? created : merged).put(m.id(), m);
                events.add(new AuditLog.Entry(m.id(), now, "system", "ALERT_MERGED",
                        "alert=" + a.alertId() + " people=" + a.peopleCount() + " count=" + m.alertCount()));
                log.debug("event=incident_merged incident={} alert={} camera={} count={}", m.id(), a.alertId(),
                        a.cameraId(), m.alertCount());
                out.add(new IncidentChange(m, false));
                continue;
            }
            Incident n = create(ids.poll(), a, locked.get(a.cameraId()), snapshot, now);
            if (o == null || !n.lastAlertAt().isBefore(o.lastAlertAt())) {
                newest.put(key, n);
            }
            created.put(n.id(), n);
            events.add(new AuditLog.Entry(n.id(), now, "system", "CREATED", "alert=" + a.alertId() + " type=" + a.type()
                    + " grid=" + n.gridCode() + " people=" + a.peopleCount()));
            log.info("event=incident_created incident={} alert={} camera={} type={} grid={}", n.id(), a.alertId(),
                    a.cameraId(), a.type(), n.gridCode());
            out.add(new IncidentChange(n, true));
        }
        batch.insertAll(c, created.values());
        batch.updateMerges(c, merged.values());
        incidents.audit().appendAll(c, events);
        return out;
    }

    /** How many incidents the loop of {@link #applyAlerts} will create: the same rule, on last-alert times only. */
    private int creations(List<Alert> alerts, Map<String, Incident> newest) {
        Map<String, Instant> last = new HashMap<>();
        newest.forEach((k, i) -> last.put(k, i.lastAlertAt()));
        int n = 0;
        for (Alert a : alerts) {
            String key = a.cameraId() + "|" + a.type();
            Instant l = last.get(key);
            Instant at = a.detectedAt();
            if (l != null && !l.isBefore(at.minus(mergeWindow))) {
                last.put(key, at.isAfter(l) ? at : l);
            } else {
                n++;
                if (l == null || !at.isBefore(l)) {
                    last.put(key, at);
                }
            }
        }
        return n;
    }

    private static Incident merge(Incident o, Alert a, String snapshot) {
        Instant at = a.detectedAt();
        return new Incident(o.id(), o.type(), o.state(), o.gridCode(), o.cameraId(), o.lat(), o.lon(), o.firstAlertAt(),
                at.isAfter(o.lastAlertAt()) ? at : o.lastAlertAt(), o.alertCount() + 1,
                Math.max(o.peopleCount(), a.peopleCount()), snapshot != null ? snapshot : o.snapshotUri(), o.createdAt(),
                o.acceptedBy(), o.acceptedAt(), o.loop());
    }

    private Incident create(String id, Alert a, Camera camera, String snapshot, Instant now) {
        Double lat = a.location() == null ? null : a.location().lat();
        Double lon = a.location() == null ? null : a.location().lon();
        if (lat == null && camera != null && camera.hasLocation()) {
            lat = camera.lat();   // the alert did not say where: the camera's known position
            lon = camera.lon();
        }
        String grid = lat == null ? null : gridOf(lat, lon);
        if (grid == null && camera != null) {
            grid = camera.gridCode();
        }
        Instant at = a.detectedAt();
        return new Incident(id, a.type(), IncidentState.REPORTED, grid, a.cameraId(), lat, lon, at,
                at, 1, a.peopleCount(), snapshot, now, null, null,
                IncidentLoop.fresh("ALERT", a.type().name(), null, "system", grids.path(grid)));
    }

    private static String snapshotOf(Alert a) {
        return a.evidence().stream().anyMatch(e -> EvidenceRef.SNAPSHOT.equals(e.kind())) ? snapshotPath(a.alertId()) : null;
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
