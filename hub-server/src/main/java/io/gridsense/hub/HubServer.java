package io.gridsense.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridsense.hub.access.IncidentAccess;
import io.gridsense.hub.access.LoginThrottle;
import io.gridsense.hub.access.PasswordHasher;
import io.gridsense.hub.access.Role;
import io.gridsense.hub.access.UserRepository;
import io.gridsense.hub.access.UserService;
import io.gridsense.hub.incident.FalseAlarmRepository;
import io.gridsense.hub.incident.LoopService;
import io.gridsense.hub.incident.SupervisionService;
import io.gridsense.hub.access.TokenService;
import io.gridsense.hub.alert.AlertPipeline;
import io.gridsense.hub.alert.DeliveryLanes;
import io.gridsense.hub.alert.AlertRepository;
import io.gridsense.hub.alert.DeadLetterRepository;
import io.gridsense.hub.alert.IngestQueue;
import io.gridsense.hub.alert.MessageRouter;
import io.gridsense.hub.alert.MqttConnector;
import io.gridsense.hub.camera.CameraRepository;
import io.gridsense.hub.camera.CameraStatusService;
import io.gridsense.hub.db.Database;
import io.gridsense.hub.db.StatisticsKeeper;
import io.gridsense.hub.evidence.FileEvidenceStore;
import io.gridsense.hub.grid.DistrictFile;
import io.gridsense.hub.grid.Grid;
import io.gridsense.hub.grid.GridDirectory;
import io.gridsense.hub.grid.GridRepository;
import io.gridsense.hub.incident.IncidentRepository;
import io.gridsense.hub.incident.IncidentService;
import io.gridsense.hub.push.MqttPushChannel;
import io.gridsense.hub.push.PushRepository;
import io.gridsense.hub.push.PushService;
import io.gridsense.hub.push.PushTargetSelector;
import io.gridsense.hub.web.SocketHub;
import io.gridsense.hub.web.WebDeps;
import io.gridsense.hub.web.WebServer;
import io.gridsense.hub.worker.Worker;
import io.gridsense.hub.worker.WorkerRepository;
import io.gridsense.hub.worker.PositionRepository;
import io.gridsense.hub.worker.WorkerLocator;
import io.gridsense.hub.worker.WorkerService;
import io.gridsense.hub.indicator.IndicatorService;
import io.gridsense.hub.push.RepushService;
import io.gridsense.protocol.WireCodec;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub: database, grid index, MQTT ingest, incidents, pushes and the HTTP/WebSocket side, wired together.
 * Start with {@link #start(HubConfig)}, stop with {@link #close()}.
 */
public final class HubServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HubServer.class);

    /** The demo district shipped with the hub (one community, four grids, a dozen gridworkers). */
    public static final String DEMO_DISTRICT = "/io/gridsense/hub/demo/demo-district.json";

    private final HubConfig config;
    private final Database db;
    private final Vertx vertx;
    private final TokenService tokens;
    private final GridDirectory grids;
    private final GridRepository gridRepo = new GridRepository();
    private final WorkerRepository workerRepo = new WorkerRepository();
    private final ObjectMapper mapper = WireCodec.newMapper();
    private final java.util.concurrent.ScheduledExecutorService timers = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "hub-timers");
                t.setDaemon(true);
                return t;
            });
    /** Announces committed incidents and delivers their pushes, off the ingest threads, in commit order per partition. */
    private final DeliveryLanes delivery = new DeliveryLanes(INGEST_PARTITIONS);
    /** Ingest threads (one agent's messages stay on one) and the most messages stored in one transaction. */
    static final int INGEST_PARTITIONS = 4;
    static final int INGEST_BATCH = 200;

    private MqttConnector mqtt;
    /** The publish-only session that carries the push copies ({@link MqttConnector#publisher}). */
    private MqttConnector pushOut;
    private MqttPushChannel mqttPush;
    private IngestQueue ingest;
    private WebServer web;
    private int httpPort;
    private UserService users;
    private SupervisionService supervision;
    private RepushService repush;
    private final WorkerService workerService;
    /** ANALYZE of the hot tables when they changed, for a PostgreSQL that runs no autovacuum. */
    private StatisticsKeeper statistics;

    private HubServer(HubConfig config) {
        this.config = config;
        this.db = Database.open(config.jdbcUrl(), config.dbUser(), config.dbPassword());
        this.vertx = Vertx.vertx();
        this.tokens = new TokenService(config.secret(), config.clock());
        this.grids = new GridDirectory(db, gridRepo, mapper);
        this.workerService = new WorkerService(db, workerRepo, new PositionRepository(), new WorkerLocator(), config.clock());
    }

    /** Opens the database (migrating it), starts HTTP, and starts connecting to the broker. */
    public static HubServer start(HubConfig config) {
        HubServer hub = new HubServer(config);
        try {
            hub.wire();
        } catch (RuntimeException e) {
            hub.close();
            throw e;
        }
        return hub;
    }

    private void wire() {
        grids.reload();
        workerService.reload();
        WireCodec codec = new WireCodec(config.clock());
        CameraRepository cameraRepo = new CameraRepository();
        IncidentRepository incidentRepo = new IncidentRepository();
        PushRepository pushRepo = new PushRepository();
        AlertRepository alertRepo = new AlertRepository();
        DeadLetterRepository deadLetters = new DeadLetterRepository();
        SocketHub sockets = new SocketHub(mapper);
        IncidentService incidents = new IncidentService(incidentRepo, cameraRepo, grids, config.incidentMergeWindow(),
                config.clock());
        MqttConnector out = MqttConnector.publisher(config.mqttServerUri(), config.mqttClientId() + "-push",
                config.mqttUsername(), config.mqttPassword());
        pushOut = out;
        mqttPush = new MqttPushChannel(new MqttPushChannel.Publisher() {
            @Override
            public MqttPushChannel.Send publish(String topic, byte[] payload) {
                return out.send(topic, payload, 1);
            }

            @Override
            public void awaitWindow(long nanos) {
                out.awaitWindow(nanos); // woken by the PUBACK that frees a slot
            }
        }, codec);
        out.onSlotFreed(mqttPush::slotFreed); // a completed push copy sends the next one without waiting for its thread
        PushService pushes = new PushService(workerRepo, workerService.locator(), pushRepo, grids,
                new PushTargetSelector(config.pushRadiusMeters(), config.pushNearestK()), List.of(sockets, mqttPush),
                config.clock());
        AlertPipeline pipeline = new AlertPipeline(db, alertRepo, incidents, pushes, sockets, config.clock(), delivery);
        CameraStatusService cameraStatus = new CameraStatusService(db, cameraRepo, grids, sockets, config.clock());
        MessageRouter router = new MessageRouter(codec, pipeline, cameraStatus, deadLetters, db);
        ingest = new IngestQueue(INGEST_PARTITIONS, INGEST_BATCH, router::handleBatch);
        mqtt = new MqttConnector(config.mqttServerUri(), config.mqttClientId(), config.mqttUsername(),
                config.mqttPassword(), config.shareGroup(), config.mqttSessionExpiry(),
                (MqttConnector.Dispatcher) ingest::submit);
        HubPolicy policy = config.policy();
        FalseAlarmRepository falseAlarms = new FalseAlarmRepository();
        LoopService loop = new LoopService(incidentRepo, falseAlarms, workerRepo, policy.deadlines(), config.clock());
        supervision = new SupervisionService(db, incidentRepo, policy.deadlines(), sockets, config.clock());
        UserRepository userRepo = new UserRepository();
        users = new UserService(db, userRepo, new PasswordHasher(policy.bcryptCost()), tokens, grids,
                policy.loginTokenTtl(), config.clock());
        LoginThrottle throttle = new LoginThrottle(policy.loginMaxFailures(), policy.loginWindow(), config.clock());
        web = new WebServer(new WebDeps(db, cameraRepo, alertRepo, incidentRepo, incidents, grids, workerRepo, pushRepo,
                deadLetters, new FileEvidenceStore(config.dataDir()), tokens, sockets, sockets, mapper,
                mqtt::isConnected, config.clock(), loop, new IncidentAccess(grids, pushRepo), falseAlarms, users,
                userRepo, throttle, workerService, new IndicatorService(db, grids)));
        repush = new RepushService(db, pushRepo, incidentRepo, workerService.locator(), pushes, config.pushRadiusMeters(),
                policy.pushAckTimeout(), policy.repushRounds(), config.clock());
        statistics = StatisticsKeeper.start(db, StatisticsKeeper.FIRST_CHECK, StatisticsKeeper.PERIOD);
        every(policy.supervisionSweep(), "supervision_sweep", supervision::sweep);
        every(policy.pushAckTimeout().dividedBy(4), "repush_sweep", repush::sweep);
        every(policy.workerRefresh(), "worker_reload", workerService::reload);
        httpPort = web.start(vertx, config.httpHost(), config.httpPort());
        pushOut.start();
        mqtt.start();
        log.info("event=hub_started http_port={} config=\"{}\"", httpPort, config);
    }

    /** Runs a periodic job; a failing run is logged and the next one still comes. */
    private void every(Duration period, String name, Runnable job) {
        long ms = Math.max(100, period.toMillis());
        timers.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                log.warn("event={}_failed error=\"{}\"", name, e.toString());
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Users and logins (e.g. to create the first admin). */
    public UserService users() {
        return users;
    }

    /** The deadline watcher; tests with a controllable clock call {@link SupervisionService#sweep()} themselves. */
    public SupervisionService supervision() {
        return supervision;
    }

    /** The re-push watcher; tests with a controllable clock call {@link RepushService#sweep()} themselves. */
    public RepushService repush() {
        return repush;
    }

    /** Gridworkers' duty, positions and the live locator. */
    public WorkerService workers() {
        return workerService;
    }

    /** Loads (upserts) a district file: grids and gridworkers; the grid index is rebuilt at once. */
    public void seedDistrict(InputStream json) {
        DistrictFile district;
        try {
            district = DistrictFile.parse(json, mapper, config.clock().instant(), config.gridCodes());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable district file", e);
        }
        db.tx(c -> {
            for (Grid g : district.grids()) {
                gridRepo.upsert(c, g, config.clock().instant());
            }
            for (Worker w : district.workers()) {
                workerRepo.upsert(c, w);
            }
            return null;
        });
        grids.reload();
        workerService.reload();
        log.info("event=district_seeded grids={} workers={}", district.grids().size(), district.workers().size());
    }

    /** Loads the demo district shipped as a resource. */
    public void seedDemoDistrict() {
        try (InputStream in = HubServer.class.getResourceAsStream(DEMO_DISTRICT)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEMO_DISTRICT);
            }
            seedDistrict(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bound HTTP port. */
    public int httpPort() {
        return httpPort;
    }

    /** Issues and verifies access tokens (e.g. to build page URLs). */
    public TokenService tokens() {
        return tokens;
    }

    /** Whether the MQTT session is up. */
    public boolean mqttConnected() {
        return mqtt != null && mqtt.isConnected();
    }

    /** The command-centre page with a fresh operator token, e.g. for the launcher to print. */
    public String operatorPageUrl(String operatorId, Duration ttl) {
        return baseUrl() + "/?token=" + enc(tokens.issue(operatorId, Role.OPERATOR, ttl));
    }

    /** A gridworker's phone page with a fresh worker token. */
    public String workerPageUrl(String workerId, Duration ttl) {
        return baseUrl() + "/worker/" + workerId + "?token=" + enc(tokens.issue(workerId, Role.WORKER, ttl));
    }

    private String baseUrl() {
        String host = "0.0.0.0".equals(config.httpHost()) ? "127.0.0.1" : config.httpHost();
        return "http://" + host + ":" + httpPort;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        timers.shutdownNow();
        if (statistics != null) {
            statistics.close();
        }
        if (mqtt != null) {
            mqtt.close();
        }
        if (ingest != null) {
            ingest.close();
        }
        try {
            delivery.shutdownAndWait(5, TimeUnit.SECONDS); // the last committed batches still reach the sockets
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (mqttPush != null) {
            mqttPush.close();
        }
        if (pushOut != null) {
            pushOut.close();
        }
        if (web != null) {
            web.close();
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("event=vertx_close_failed error=\"{}\"", e.toString());
        }
        db.close();
        log.info("event=hub_stopped");
    }
}
