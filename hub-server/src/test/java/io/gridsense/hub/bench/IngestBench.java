package io.gridsense.hub.bench;

import io.gridsense.hub.HubEvents;
import io.gridsense.hub.TestDatabases;
import io.gridsense.hub.alert.AlertDecoder;
import io.gridsense.hub.alert.AlertPipeline;
import io.gridsense.hub.alert.AlertRepository;
import io.gridsense.hub.alert.DeadLetterRepository;
import io.gridsense.hub.alert.IngestQueue;
import io.gridsense.hub.alert.MessageRouter;
import io.gridsense.hub.camera.CameraRepository;
import io.gridsense.hub.camera.CameraStatusService;
import io.gridsense.hub.db.Database;
import io.gridsense.hub.db.StatisticsKeeper;
import io.gridsense.hub.grid.GridDirectory;
import io.gridsense.hub.grid.GridRepository;
import io.gridsense.hub.incident.IncidentRepository;
import io.gridsense.hub.incident.IncidentService;
import io.gridsense.hub.push.PushRepository;
import io.gridsense.hub.push.PushService;
import io.gridsense.hub.push.PushTargetSelector;
import io.gridsense.hub.worker.PositionRepository;
import io.gridsense.hub.worker.WorkerLocator;
import io.gridsense.hub.worker.WorkerRepository;
import io.gridsense.hub.worker.WorkerService;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.EvidenceRef;
import io.gridsense.protocol.GeoPoint;
import io.gridsense.protocol.NormPoint;
import io.gridsense.protocol.Topic;
import io.gridsense.protocol.WireCodec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Alert ingest into PostgreSQL with dedupe and merge, through the hub's own path below the broker: JSON decode
 * and validation, the partitioned ingest queue (4 threads, batches of up to 200 per transaction), alert store
 * (idempotent on the id), point-in-polygon among the 126,449-micro-grid city, incident create-or-merge, push
 * planning for new incidents. Each round: 1,000 cameras × 20 alerts (→ 1,000 incidents, 19,000 merges) plus
 * 1,000 redelivered duplicates. A warm-up round, then 3 measured rounds, or BENCH_ROUNDS (more rounds show
 * whether the rate holds while the tables grow). BENCH_VACUUM=1 runs VACUUM ANALYZE on the hub's tables before each
 * round, outside the timing: what autovacuum does on a default PostgreSQL (it analyzes a table once a tenth of it
 * changed), for a server like the CI machine's whose configuration turns autovacuum off. Without statistics the
 * planner assumes 0.5 % of the rows per camera id, so the batch's 200-camera merge lookup scans the whole
 * incidents table, and the cost grows with every round. The hub now keeps its own statistics (StatisticsKeeper,
 * started here as HubServer starts it; BENCH_STATISTICS=off leaves it out) and looks up with an array parameter
 * whose cached plan reads the index either way; the bench prints how many ANALYZEs each table got.
 */
final class IngestBench {

    private IngestBench() {
    }

    static void run() throws Exception {
        CityGenerator.City city = CityGenerator.generate(126_449, 150_000, 7);
        try (TestDatabases.TestDb pg = TestDatabases.postgres(); Database db = Database.open(pg.url(), pg.user(), "")) {
            long t = System.nanoTime();
            CitySeed.load(pg.url(), pg.user(), city);
            System.out.printf(Locale.ROOT, "ingest: city seeded into PostgreSQL in %.1f s%n", (System.nanoTime() - t) / 1e9);
            Clock clock = Clock.systemUTC();
            var mapper = WireCodec.newMapper();
            GridDirectory grids = new GridDirectory(db, new GridRepository(), mapper);
            grids.reload();
            WorkerRepository workerRepo = new WorkerRepository();
            WorkerService workers = new WorkerService(db, workerRepo, new PositionRepository(), new WorkerLocator(), clock);
            workers.reload();
            CameraRepository cameras = new CameraRepository();
            IncidentService incidents = new IncidentService(new IncidentRepository(), cameras, grids, Duration.ofMinutes(10), clock);
            PushService pushes = new PushService(workerRepo, workers.locator(), new PushRepository(), grids,
                    new PushTargetSelector(1500, 3), List.of(), clock);
            AlertPipeline pipeline = new AlertPipeline(db, new AlertRepository(), incidents, pushes, HubEvents.NONE, clock);
            WireCodec codec = new WireCodec(clock);
            MessageRouter router = new MessageRouter(codec, pipeline,
                    new CameraStatusService(db, cameras, grids, HubEvents.NONE, clock), new DeadLetterRepository(), db);
            List<String[]> probe = messages(9, city, codec);
            long d0 = System.nanoTime();
            for (String[] m : probe) {
                codec.decodeAlert(m[0], m[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            System.out.printf(Locale.ROOT, "ingest: decode and validate alone (JSON Schema): %.0f alerts/s on one thread%n",
                    probe.size() / ((System.nanoTime() - d0) / 1e9));
            AlertDecoder decoder = new AlertDecoder(codec);
            for (int warm = 0; warm < 2; warm++) {
                d0 = System.nanoTime();
                for (String[] m : probe) {
                    decoder.decode(m[0], m[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            System.out.printf(Locale.ROOT, "ingest: decode and validate alone (hub's hand check): %.0f alerts/s on one thread%n",
                    probe.size() / ((System.nanoTime() - d0) / 1e9));
            List<Double> rates = new ArrayList<>();
            List<Double> cpuPerAlert = new ArrayList<>();
            // the hub's statistics keeper, as HubServer starts it; BENCH_STATISTICS=off leaves it out (to compare)
            boolean keeper = !"off".equals(System.getenv("BENCH_STATISTICS"));
            try (IngestQueue queue = new IngestQueue(4, 200, router::handleBatch);
                 StatisticsKeeper statistics = keeper
                         ? StatisticsKeeper.start(db, StatisticsKeeper.FIRST_CHECK, StatisticsKeeper.PERIOD)
                         : StatisticsKeeper.manual(db)) {
                int measured = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "3"));
                boolean vacuum = "1".equals(System.getenv("BENCH_VACUUM"));
                System.out.println("ingest: PostgreSQL autovacuum " + setting(pg, "autovacuum") + (vacuum
                        ? "; VACUUM ANALYZE of the hub's tables before each round (BENCH_VACUUM=1), outside the timing" : ""));
                for (int round = 0; round <= measured; round++) {
                    List<String[]> msgs = messages(round, city, codec);
                    if (vacuum) {
                        vacuumAnalyze(pg);
                    }
                    CountDownLatch done = new CountDownLatch(msgs.size());
                    CpuMeter cpu = new CpuMeter();
                    long s = System.nanoTime();
                    for (String[] m : msgs) {
                        queue.submit(m[0], m[1].getBytes(java.nio.charset.StandardCharsets.UTF_8), done::countDown);
                    }
                    if (!done.await(10, TimeUnit.MINUTES)) {
                        throw new IllegalStateException("round " + round + " did not finish");
                    }
                    double secs = (System.nanoTime() - s) / 1e9;
                    double rate = msgs.size() / secs;
                    System.out.printf(Locale.ROOT, "ingest: round %d: %d messages in %.2f s = %.0f alerts/s%s%n", round,
                            msgs.size(), secs, rate, round == 0 ? " (warm-up, not counted)" : "");
                    double hubMs = cpu.jvm() * 1e6 / msgs.size();
                    double pgMs = cpu.postgres() * 1e6 / msgs.size();
                    System.out.printf(Locale.ROOT, "ingest: round %d: CPU per 1,000 alerts: hub JVM %.0f ms + PostgreSQL %.0f ms "
                            + "= %.0f ms (two idle cores: ~%.0f alerts/s)%n", round, hubMs, pgMs, hubMs + pgMs,
                            2000 * 1000 / (hubMs + pgMs));
                    if (round > 0) {
                        cpuPerAlert.add(hubMs + pgMs);
                        rates.add(rate);
                    }
                }
            }
            try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), "");
                 ResultSet rs = c.createStatement().executeQuery("SELECT (SELECT COUNT(*) FROM alerts), "
                         + "(SELECT COUNT(*) FROM incidents), (SELECT SUM(alert_count) FROM incidents), (SELECT COUNT(*) FROM pushes)")) {
                rs.next();
                System.out.printf(Locale.ROOT, "ingest: stored %d alerts (duplicates dropped), %d incidents holding %d alerts, "
                        + "%d pushes planned%n", rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
            System.out.println("ingest: ANALYZE runs per table (statistics keeper " + (keeper ? "on" : "off") + "): "
                    + analyzeCounts(pg));
            System.out.println("ingest: throughput " + Stats.summary(rates, "alerts/s"));
            System.out.println("ingest: CPU (hub JVM + PostgreSQL) per 1,000 alerts " + Stats.summary(cpuPerAlert, "ms"));
        }
    }

    private static String analyzeCounts(TestDatabases.TestDb pg) throws java.sql.SQLException {
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), "");
             ResultSet rs = c.createStatement().executeQuery("SELECT string_agg(relname || ' ' || analyze_count, ', ' "
                     + "ORDER BY relname) FROM pg_stat_user_tables WHERE schemaname = current_schema() AND analyze_count > 0")) {
            rs.next();
            return rs.getString(1) == null ? "none" : rs.getString(1);
        }
    }

    private static String setting(TestDatabases.TestDb pg, String name) throws java.sql.SQLException {
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), "");
             ResultSet rs = c.createStatement().executeQuery("SELECT current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void vacuumAnalyze(TestDatabases.TestDb pg) throws java.sql.SQLException {
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), "")) {
            for (String t : List.of("incidents", "alerts", "incident_events", "cameras", "pushes")) {
                c.createStatement().execute("VACUUM ANALYZE " + t); // auto-commit: VACUUM cannot run in a transaction
            }
        }
    }

    /** One round's messages, [topic, json]: 20 alerts of each of 1,000 cameras on 100 agents, then 1,000 repeats. */
    private static List<String[]> messages(int round, CityGenerator.City city, WireCodec codec) {
        Random r = new Random(round);
        Instant t0 = Instant.now();
        List<String[]> out = new ArrayList<>();
        GeoPoint[] where = new GeoPoint[1000];
        for (int cam = 0; cam < where.length; cam++) {
            where[cam] = new GeoPoint(CityGenerator.LAT0 + r.nextDouble() * city.rows() * CityGenerator.DLAT,
                    CityGenerator.LON0 + r.nextDouble() * city.cols() * CityGenerator.DLON);
        }
        for (int k = 0; k < 20; k++) {
            for (int cam = 0; cam < where.length; cam++) {
                String agent = "agent-" + round + "-" + cam % 100;
                String id = String.format(Locale.ROOT, "BENCH-%d-%04d-%02d", round, cam, k);
                Alert a = new Alert(1, id, "bench", agent, "cam-" + round + "-" + cam, cam % 3 == 0 ? AlertType.FIGHT : AlertType.GATHERING,
                        t0.plusSeconds(k * 5L - 8), t0.plusSeconds(k * 5L), 0.87, 6 + k % 5,
                        List.of(new NormPoint(0.1, 0.1), new NormPoint(0.6, 0.1), new NormPoint(0.6, 0.8)), where[cam],
                        List.of(new EvidenceRef(EvidenceRef.SNAPSHOT, "/api/evidence/" + id + "/snapshot.jpg")), "hog-1",
                        "gathering-default", "1");
                out.add(new String[] {Topic.alerts("bench", agent).path(), new String(codec.encode(a), java.nio.charset.StandardCharsets.UTF_8)});
            }
        }
        for (int d = 0; d < 1000; d++) {
            out.add(out.get(r.nextInt(20_000))); // redeliveries: the hub is idempotent on the alert id
        }
        return out;
    }
}
