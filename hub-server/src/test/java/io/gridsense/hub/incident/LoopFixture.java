package io.gridsense.hub.incident;

import io.gridsense.hub.HubEvents;
import io.gridsense.hub.HubServer;
import io.gridsense.hub.MutableClock;
import io.gridsense.hub.TestData;
import io.gridsense.hub.TestDatabases;
import io.gridsense.hub.alert.AlertRepository;
import io.gridsense.hub.camera.CameraRepository;
import io.gridsense.hub.db.Database;
import io.gridsense.hub.deadline.DeadlinePolicy;
import io.gridsense.hub.grid.DistrictFile;
import io.gridsense.hub.grid.Grid;
import io.gridsense.hub.grid.GridDirectory;
import io.gridsense.hub.grid.GridRepository;
import io.gridsense.hub.worker.Worker;
import io.gridsense.hub.worker.WorkerRepository;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.WireCodec;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** The loop's services on a fresh H2 (or PostgreSQL) with the demo district and a hand-moved clock. */
final class LoopFixture implements AutoCloseable {

    /** A Wednesday 09:00 in Hangzhou. */
    static final Instant START = Instant.parse("2026-11-25T01:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final TestDatabases.TestDb tdb;
    final Database db;
    final GridDirectory grids;
    final IncidentRepository incidents = new IncidentRepository();
    final AlertRepository alerts = new AlertRepository();
    final IncidentService service;
    final LoopService loop;
    final SupervisionService supervision;
    final FalseAlarmRepository falseAlarms = new FalseAlarmRepository();
    final DeadlinePolicy deadlines;
    private final AtomicInteger seq = new AtomicInteger();

    LoopFixture(boolean postgres, DeadlinePolicy deadlines) throws Exception {
        this.deadlines = deadlines;
        tdb = postgres ? TestDatabases.postgres() : TestDatabases.h2();
        db = Database.open(tdb.url(), tdb.user(), tdb.password());
        var mapper = WireCodec.newMapper();
        grids = new GridDirectory(db, new GridRepository(), mapper);
        WorkerRepository workers = new WorkerRepository();
        try (InputStream in = HubServer.class.getResourceAsStream(HubServer.DEMO_DISTRICT)) {
            DistrictFile demo = DistrictFile.parse(in, mapper, clock.instant());
            db.tx(c -> {
                for (Grid g : demo.grids()) {
                    new GridRepository().upsert(c, g, clock.instant());
                }
                for (Worker w : demo.workers()) {
                    workers.upsert(c, w);
                }
                return null;
            });
        }
        grids.reload();
        service = new IncidentService(incidents, new CameraRepository(), grids, Duration.ofMinutes(10), clock);
        loop = new LoopService(incidents, falseAlarms, workers, deadlines, clock);
        supervision = new SupervisionService(db, incidents, deadlines, HubEvents.NONE, clock);
    }

    /** A new incident from one FIGHT alert in the SW grid. */
    Incident alertIncident() {
        return alertIncident("cam-" + seq.incrementAndGet(), AlertType.FIGHT);
    }

    Incident alertIncident(String camera, AlertType type) {
        Alert a = TestData.alert("ALERT-LOOP-" + seq.incrementAndGet(), "s1", "agent-1", camera, type, clock.instant(), 4,
                TestData.SW);
        return db.tx(c -> {
            alerts.insertIfNew(c, a, "{\"alertId\":\"" + a.alertId() + "\"}", clock.instant());
            IncidentChange ch = service.applyAlert(c, a);
            alerts.linkIncident(c, a.alertId(), ch.incident().id());
            return ch.incident();
        });
    }

    Incident act(String id, LoopAction a, String actor) {
        return db.tx(c -> loop.perform(c, id, new LoopCommand(a, actor, "note for " + a.path(),
                a == LoopAction.FEEDBACK ? "/api/incidents/" + id + "/photos/0123456789abcdef.jpg" : null, "w-01", 4)));
    }

    java.util.List<IncidentEvent> events(String id) {
        return db.read(c -> incidents.events(c, id));
    }

    java.util.List<FalseAlarmSample> samples() {
        return db.read(c -> falseAlarms.after(c, 0, 100000));
    }

    Incident get(String id) {
        return db.read(c -> incidents.find(c, id)).orElseThrow();
    }

    @Override
    public void close() {
        db.close();
        tdb.close();
    }
}
