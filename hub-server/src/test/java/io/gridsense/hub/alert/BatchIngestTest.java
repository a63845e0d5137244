package io.gridsense.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.hub.HubEvents;
import io.gridsense.hub.MutableClock;
import io.gridsense.hub.TestData;
import io.gridsense.hub.TestDatabases;
import io.gridsense.hub.camera.CameraRepository;
import io.gridsense.hub.db.Database;
import io.gridsense.hub.grid.GridDirectory;
import io.gridsense.hub.grid.GridRepository;
import io.gridsense.hub.incident.IncidentRepository;
import io.gridsense.hub.incident.IncidentService;
import io.gridsense.hub.push.PushRepository;
import io.gridsense.hub.push.PushService;
import io.gridsense.hub.push.PushTargetSelector;
import io.gridsense.hub.worker.WorkerLocator;
import io.gridsense.hub.worker.WorkerRepository;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.GeoPoint;
import io.gridsense.protocol.WireCodec;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The batched ingest (one transaction, JDBC batches, merge rule in memory) must give exactly what storing the
 * same alerts one at a time gives — incidents, counts, people, times, audit — on H2 and PostgreSQL, including
 * duplicates inside a batch, redeliveries, gaps longer than the merge window and two types on one camera; and
 * two pipelines (two hubs) ingesting overlapping batches of the same cameras at once must neither deadlock nor
 * split or double-count an incident.
 */
class BatchIngestTest {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    private record Hub(TestDatabases.TestDb tdb, Database db, AlertPipeline pipeline) implements AutoCloseable {
        @Override
        public void close() {
            db.close();
            tdb.close();
        }
    }

    private static Hub hub(TestDatabases.TestDb tdb, MutableClock clock) {
        Database db = Database.open(tdb.url(), tdb.user(), tdb.password());
        GridDirectory grids = new GridDirectory(db, new GridRepository(), WireCodec.newMapper());
        IncidentService incidents = new IncidentService(new IncidentRepository(), new CameraRepository(), grids,
                Duration.ofMinutes(10), clock);
        PushService pushes = new PushService(new WorkerRepository(), new WorkerLocator(), new PushRepository(), grids,
                new PushTargetSelector(1500, 3), List.of(), clock);
        return new Hub(tdb, db, new AlertPipeline(db, new AlertRepository(), incidents, pushes, HubEvents.NONE, clock));
    }

    /** 6 cameras × 30 alerts, two types, a 12-minute gap in the middle, shuffled across cameras, plus repeats. */
    private static List<AlertPipeline.Received> stream(String run) {
        Random r = new Random(3);
        List<AlertPipeline.Received> out = new ArrayList<>();
        for (int k = 0; k < 30; k++) {
            for (int cam = 0; cam < 6; cam++) {
                long minute = k < 15 ? k / 3 : 17 + (k - 15) / 3;
                AlertType type = cam == 5 && k % 2 == 1 ? AlertType.FIGHT : AlertType.GATHERING;
                Alert a = TestData.alert(String.format("B%s-%d-%02d", run, cam, k), "s1", "agent-1", "cam-" + run + "-" + cam,
                        type, T0.plusSeconds(minute * 60 + k), 1 + r.nextInt(20),
                        new GeoPoint(TestData.SW.lat() + 0.0003 * cam, TestData.SW.lon()));
                out.add(new AlertPipeline.Received(a, "{}"));
            }
        }
        for (int d = 0; d < 20; d++) {
            out.add(out.get(r.nextInt(out.size())));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aBatchStoresWhatOneByOneStores(String which) throws Exception {
        Supplier<TestDatabases.TestDb> fresh = "h2".equals(which) ? TestDatabases::h2 : TestDatabases::postgres;
        MutableClock clock = new MutableClock(T0.plusSeconds(3600));
        List<AlertPipeline.Received> alerts = stream("x");
        try (Hub single = hub(fresh.get(), clock); Hub batched = hub(fresh.get(), clock)) {
            alerts.forEach(r -> single.pipeline().ingest(r.alert(), r.raw()));
            int stored = 0;
            for (int from = 0; from < alerts.size(); from += 37) { // batches that cut through cameras and the gap
                stored += batched.pipeline().ingestBatch(alerts.subList(from, Math.min(alerts.size(), from + 37)));
            }
            stored += batched.pipeline().ingestBatch(alerts.subList(0, 50)); // a redelivered batch stores nothing
            assertThat(stored).isEqualTo(180);
            assertThat(summary(batched)).isEqualTo(summary(single));
            assertThat(summary(batched)).hasSize(6 * 2 + 2 + 1); // per camera before and after the gap, cam 5 with two types; the alert count
        }
    }

    @org.junit.jupiter.api.Test
    void twoHubsIngestingTheSameCamerasAtOnceMergeCorrectly() throws Exception {
        MutableClock clock = new MutableClock(T0.plusSeconds(3600));
        List<AlertPipeline.Received> alerts = new ArrayList<>(stream("y"));
        try (TestDatabases.TestDb pg = TestDatabases.postgres();
             Hub a = hub(new TestDatabases.TestDb(pg.url(), pg.user(), "", () -> { }), clock);
             Hub b = hub(new TestDatabases.TestDb(pg.url(), pg.user(), "", () -> { }), clock);
             Hub reference = hub(TestDatabases.h2(), clock)) {
            alerts.forEach(r -> reference.pipeline().ingest(r.alert(), r.raw()));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                // each hub gets every alert (as after a redelivery to the other member) in its own batch order
                List<Future<?>> runs = new ArrayList<>();
                for (Hub h : List.of(a, b)) {
                    runs.add(pool.submit(() -> {
                        for (int from = 0; from < alerts.size(); from += 25) {
                            h.pipeline().ingestBatch(alerts.subList(from, Math.min(alerts.size(), from + 25)));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : runs) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(summary(a)).isEqualTo(summary(reference));
        }
    }

    /** Every incident as camera/type/count/people/first/last, sorted, plus the audit actions and alert links. */
    private static List<String> summary(Hub h) {
        return h.db().read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT camera_id, type, alert_count, people_count, first_alert_at, "
                        + "last_alert_at, (SELECT COUNT(*) FROM alerts WHERE incident_id=i.id), "
                        + "(SELECT COUNT(*) FROM incident_events WHERE incident_id=i.id AND action='ALERT_MERGED') "
                        + "FROM incidents i")) {
                    while (rs.next()) {
                        out.add(rs.getString(1).replaceAll("-[xy]-", "-") + " " + rs.getString(2) + " n=" + rs.getInt(3)
                                + " p=" + rs.getInt(4) + " " + rs.getObject(5, java.time.OffsetDateTime.class).toInstant()
                                .minusSeconds(T0.getEpochSecond()).getEpochSecond() + ".."
                                + rs.getObject(6, java.time.OffsetDateTime.class).toInstant().getEpochSecond()
                                + " linked=" + rs.getInt(7) + " merged=" + rs.getInt(8));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT alert_id) FROM alerts")) {
                    rs.next();
                    out.add("alerts=" + rs.getInt(1) + " distinct=" + rs.getInt(2));
                }
            }
            Collections.sort(out);
            return out;
        });
    }
}
