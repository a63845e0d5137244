package io.gridsense.hub.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.hub.HubServer;
import io.gridsense.hub.MutableClock;
import io.gridsense.hub.TestData;
import io.gridsense.hub.TestDatabases;
import io.gridsense.hub.alert.AlertRepository;
import io.gridsense.hub.alert.DeadLetterRepository;
import io.gridsense.hub.camera.CameraRepository;
import io.gridsense.hub.grid.DistrictFile;
import io.gridsense.hub.grid.Grid;
import io.gridsense.hub.grid.GridDirectory;
import io.gridsense.hub.grid.GridRepository;
import io.gridsense.hub.incident.IncidentChange;
import io.gridsense.hub.incident.IncidentEvent;
import io.gridsense.hub.incident.IncidentRepository;
import io.gridsense.hub.incident.IncidentService;
import io.gridsense.hub.incident.IncidentState;
import io.gridsense.hub.push.PushRecord;
import io.gridsense.hub.push.PushReason;
import io.gridsense.hub.push.PushRepository;
import io.gridsense.hub.worker.Worker;
import io.gridsense.hub.worker.WorkerRepository;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.DeadLetter;
import io.gridsense.protocol.WireCodec;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The migrations and every repository statement, on H2 (embedded default) and on the real PostgreSQL 15. */
class StoreOnBothDatabasesTest {

    static Stream<String> databases() {
        return Stream.of("h2", "postgresql");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void migrationsAndRepositoriesWork(String kind) throws Exception {
        try (TestDatabases.TestDb tdb = kind.equals("h2") ? TestDatabases.h2() : TestDatabases.postgres();
             Database db = Database.open(tdb.url(), tdb.user(), tdb.password())) {
            MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
            var mapper = WireCodec.newMapper();
            GridRepository gridRepo = new GridRepository();
            WorkerRepository workerRepo = new WorkerRepository();
            DistrictFile demo;
            try (InputStream in = HubServer.class.getResourceAsStream(HubServer.DEMO_DISTRICT)) {
                demo = DistrictFile.parse(in, mapper, clock.instant());
            }
            for (int round = 0; round < 2; round++) { // seeding twice is an upsert, not a duplicate
                db.tx(c -> {
                    for (Grid g : demo.grids()) {
                        gridRepo.upsert(c, g, clock.instant());
                    }
                    for (Worker w : demo.workers()) {
                        workerRepo.upsert(c, w);
                    }
                    return null;
                });
            }
            assertThat(Typed.readList(db, gridRepo::all)).hasSize(demo.grids().size());
            assertThat(Typed.readList(db, workerRepo::all)).hasSize(demo.workers().size());
            assertThat(Typed.readList(db, workerRepo::onDuty)).allMatch(Worker::onDuty).hasSizeLessThan(demo.workers().size());
            // the grids' owners of an ingest batch in one statement: the same workers as one lookup per grid
            List<String> someGrids = demo.workers().stream().map(w -> w.gridCode()).distinct().limit(3).toList();
            java.util.Map<String, List<Worker>> owners = db.read(c -> workerRepo.onDutyInGrids(c,
                    java.util.List.of(someGrids.get(0), someGrids.get(1), someGrids.get(2), "no-such-grid")));
            assertThat(owners.get("no-such-grid")).isEmpty();
            for (String g : someGrids) {
                assertThat(owners.get(g)).containsExactlyElementsOf(Typed.readList(db, c -> workerRepo.onDutyInGrid(c, g)));
            }
            assertThat(owners.values().stream().mapToInt(List::size).sum()).as("some grid has owners on duty").isPositive();

            GridDirectory grids = new GridDirectory(db, gridRepo, mapper);
            grids.reload();
            AlertRepository alerts = new AlertRepository();
            IncidentRepository incidents = new IncidentRepository();
            CameraRepository cameras = new CameraRepository();
            IncidentService service = new IncidentService(incidents, cameras, grids, Duration.ofMinutes(10), clock);
            Alert a = TestData.alert("ALERT-STORE-0001", "s1", "agent-1", "cam-sw", AlertType.GATHERING,
                    clock.instant(), 6, TestData.SW);

            IncidentChange first = db.tx(c -> {
                assertThat(alerts.insertIfNew(c, a, "{}", clock.instant())).isTrue();
                IncidentChange ch = service.applyAlert(c, a);
                alerts.linkIncident(c, a.alertId(), ch.incident().id());
                return ch;
            });
            assertThat(Typed.tx(db, c -> alerts.insertIfNew(c, a, "{}", clock.instant()))).isFalse();
            assertThat(Typed.readInt(db, c -> alerts.count(c, a.alertId()))).isEqualTo(1);
            assertThat(first.created()).isTrue();
            assertThat(first.incident().id()).matches("INC-20261125-\\d{6}");
            assertThat(first.incident().gridCode()).isEqualTo("330106001001-01");
            assertThat(first.incident().state()).isEqualTo(IncidentState.REPORTED);
            assertThat(Typed.readList(db, cameras::all)).extracting(cam -> cam.gridCode()).containsExactly("330106001001-01");

            PushRepository pushes = new PushRepository();
            db.tx(c -> {
                pushes.insert(c, new PushRecord("P-1", first.incident().id(), "w-01", clock.instant(), 42.5,
                        PushReason.GRID_OWNER, null));
                return null;
            });
            assertThat(Typed.readBool(db, c -> pushes.wasPushed(c, first.incident().id(), "w-01"))).isTrue();
            assertThat(Typed.readBool(db, c -> pushes.wasPushedAlert(c, a.alertId(), "w-01"))).isTrue();
            assertThat(Typed.readBool(db, c -> pushes.wasPushed(c, first.incident().id(), "w-02"))).isFalse();
            assertThat(Typed.tx(db, c -> pushes.ack(c, "P-1", clock.instant()))).isTrue();
            assertThat(Typed.tx(db, c -> pushes.ack(c, "P-1", clock.instant()))).isFalse();

            var accepted = db.tx(c -> service.accept(c, first.incident().id(), "worker:w-01"));
            assertThat(accepted.state()).isEqualTo(IncidentState.ACCEPTED);
            assertThat(Typed.readList(db, c -> incidents.events(c, first.incident().id())))
                    .extracting(IncidentEvent::action).containsExactly("CREATED", "ACCEPTED");

            DeadLetterRepository dl = new DeadLetterRepository();
            db.tx(c -> {
                dl.insert(c, new DeadLetter("t/x", "malformed JSON: x", "{oops", 5, clock.instant()));
                return null;
            });
            assertThat(Typed.readList(db, c -> dl.recent(c, 10))).extracting(DeadLetter::reason).containsExactly("malformed JSON: x");
            assertThat(Typed.readList(db, c -> alerts.recent(c, 10))).hasSize(1);
            assertThat(Typed.readList(db, c -> incidents.recentForWorker(c, "w-01", 10))).hasSize(1);
        }
    }
}
