package io.gridsense.agent;

import io.gridsense.agent.alert.AlertFactory;
import io.gridsense.agent.camera.CameraListener;
import io.gridsense.agent.camera.CameraStats;
import io.gridsense.agent.camera.FfmpegMediaSource;
import io.gridsense.agent.camera.MediaSource;
import io.gridsense.agent.command.CommandHandler;
import io.gridsense.agent.config.AgentConfig;
import io.gridsense.agent.config.CameraConfig;
import io.gridsense.agent.config.ConfigWatcher;
import io.gridsense.agent.evidence.EvidenceSpool;
import io.gridsense.agent.evidence.EvidenceUploader;
import io.gridsense.agent.evidence.HubUploader;
import io.gridsense.agent.evidence.JpegSnapshots;
import io.gridsense.agent.health.AgentHttpServer;
import io.gridsense.agent.health.AgentMetrics;
import io.gridsense.agent.mqtt.AlertSender;
import io.gridsense.agent.onvif.OnvifMediaSource;
import io.gridsense.agent.onvif.OnvifResolver;
import io.gridsense.agent.mqtt.MqttLink;
import io.gridsense.agent.outbox.DiskOutbox;
import io.gridsense.analytics.BehaviorEvent;
import io.gridsense.protocol.AgentStatus;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.CameraStatus;
import io.gridsense.protocol.CameraSummary;
import io.gridsense.protocol.EvidenceRef;
import io.gridsense.protocol.Topic;
import io.gridsense.protocol.WireCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge box process: its cameras ({@link CameraFleet}), alerts through the durable outbox and out over
 * MQTT, evidence through the spool to the hub, retained agent and camera status, commands from the hub,
 * config reload, and {@code /healthz} + {@code /metrics}.
 */
public final class EdgeAgent implements CameraListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EdgeAgent.class);
    /** This agent's software version, as reported on its status topic and to the VERSION command. */
    public static final String VERSION = "0.1.0";
    /** Unhealthy when alerts wait this long with no broker to take them. */
    private static final Duration STUCK = Duration.ofMinutes(5);
    /** Live tiles are scaled to at most this width: the wall shows many small ones. */
    private static final int TILE_WIDTH = 640;

    private final AgentConfig config;
    private final Path configFile;
    private final Clock clock;
    private final WireCodec codec = new WireCodec();
    private final AgentMetrics metrics = new AgentMetrics();
    private final DiskOutbox outbox;
    private final MqttLink mqtt;
    private final AlertSender sender;
    private final HubUploader uploader;
    private final EvidenceSpool spool;
    private final EvidenceUploader evidenceUploader;
    private final AlertFactory alerts;
    private final CameraFleet fleet;
    private final CommandHandler commands;
    private final AgentCommands actions;
    // the latest live picture per camera as JPEG bytes: safe to hand to another thread, unlike a native Mat
    private final Map<String, AgentCommands.Picture> lastFrames = new ConcurrentHashMap<>();
    // alerts are stored in the order they were raised; tiles are dropped when the uploader falls behind
    private final ExecutorService alertExecutor = Executors.newSingleThreadExecutor(r -> daemon(r, "alerts"));
    private final ExecutorService tileExecutor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(8), r -> daemon(r, "tiles"), new ThreadPoolExecutor.DiscardPolicy());
    private final ScheduledExecutorService statusTimer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "status"));
    private final Instant startedAt;
    private AgentHttpServer http;
    private ConfigWatcher watcher;

    private EdgeAgent(AgentConfig config, Path configFile, Clock clock, Function<CameraConfig, MediaSource> sources) throws Exception {
        this.config = config;
        this.configFile = configFile;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.outbox = DiskOutbox.open(config.dataDir().resolve("outbox"), 8L << 20, 100_000, clock);
        this.mqtt = new MqttLink(config, codec, agentStatus(false));
        this.sender = new AlertSender(outbox, mqtt, codec, metrics::published);
        this.uploader = new HubUploader(config.hub().url(), config.hub().token());
        this.spool = new EvidenceSpool(config.dataDir().resolve("evidence"), config.evidence().spoolBytes());
        this.evidenceUploader = new EvidenceUploader(spool, uploader);
        this.alerts = new AlertFactory(config.site(), config.agentId());
        this.fleet = new CameraFleet(config, this, sources, clock, spool, evidenceUploader::poke, metrics);
        this.actions = new AgentCommands(config, configFile, fleet, lastFrames::get, uploader, clock);
        this.commands = new CommandHandler(config.site(), config.agentId(), codec, actions,
                (topic, reply) -> mqtt.publishIfConnected(topic, reply, false), clock);
        metrics.gauge("gridsense.outbox.depth", "alerts waiting for the broker's acknowledgement", outbox::depth);
        metrics.gauge("gridsense.outbox.oldest.age.seconds", "how long the oldest waiting alert has waited",
                () -> outbox.oldestAge().toMillis() / 1000.0);
        metrics.gauge("gridsense.outbox.memory.only", "alerts held in memory because the disk refused them", outbox::inMemoryOnly);
        metrics.gauge("gridsense.evidence.spool.bytes", "evidence waiting for upload", spool::bytes);
        metrics.gauge("gridsense.mqtt.connected", "1 while the MQTT session is up", () -> mqtt.isConnected() ? 1 : 0);
    }

    /** Starts an agent whose cameras are read by FFmpeg (RTSP or files); {@code configFile} may be null. */
    public static EdgeAgent start(AgentConfig config, Path configFile) throws Exception {
        Clock clock = Clock.systemUTC();
        return start(config, configFile, clock, c -> OnvifResolver.isOnvif(c.url())
                ? new OnvifMediaSource(c.url(), config.pull(), clock)
                : new FfmpegMediaSource(c.url(), c.loop(), config.pull()));
    }

    /** Starts an agent with no config file to reload (the demo's). */
    public static EdgeAgent start(AgentConfig config) throws Exception {
        return start(config, null);
    }

    public static EdgeAgent start(AgentConfig config, Path configFile, Clock clock,
                                  Function<CameraConfig, MediaSource> sources) throws Exception {
        EdgeAgent agent = new EdgeAgent(config, configFile, clock, sources);
        agent.mqtt.subscribe(agent.commands.topic(), agent.commands::onMessage);
        agent.mqtt.start();
        agent.sender.start();
        agent.evidenceUploader.start();
        agent.fleet.start(config.cameras());
        agent.statusTimer.scheduleAtFixedRate(agent::publishStatus, 1, config.statusIntervalSeconds(), TimeUnit.SECONDS);
        if (config.http().port() > 0) {
            agent.http = new AgentHttpServer(config.http().host(), config.http().port(), agent::health, agent.metrics);
        }
        if (configFile != null) {
            agent.watcher = new ConfigWatcher(configFile, agent::reloadFromFile);
        }
        log.info("event=agent_started site={} agent={} cameras={} mqtt={} hub={} outbox_depth={}", config.site(),
                config.agentId(), config.cameras().size(), config.mqtt().serverUri(), config.hub().url(), agent.outbox.depth());
        return agent;
    }

    /** Alerts raised but not yet acknowledged by the broker. */
    public int outboxDepth() {
        return outbox.depth();
    }

    /** The port of /healthz and /metrics, or -1 when they are off. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** The running cameras' live counters, by camera id. */
    public Map<String, CameraStats> cameraStats() {
        Map<String, CameraStats> out = new LinkedHashMap<>();
        fleet.slots().forEach(s -> out.put(s.config().id(), s.worker().stats()));
        return out;
    }

    @Override
    public void onEvent(CameraConfig camera, BehaviorEvent event, Mat frame) {
        String alertId = AlertFactory.newAlertId();
        byte[] jpeg = JpegSnapshots.evidence(frame, event.region());
        var clip = fleet.get(camera.id()).map(CameraFleet.Slot::clip).orElse(null);
        if (clip != null) {
            clip.request(alertId, event.detectedAt());
        }
        // evidence first, durably, then the alert that refers to it; the uploader sends the evidence on its own
        alertExecutor.execute(() -> {
            List<EvidenceRef> refs = new ArrayList<>();
            if (spool.put(alertId, "snapshot.jpg", jpeg)) {
                refs.add(new EvidenceRef(EvidenceRef.SNAPSHOT, HubUploader.evidencePath(alertId, "snapshot.jpg")));
            }
            if (clip != null) {
                refs.add(new EvidenceRef(EvidenceRef.CLIP, HubUploader.evidencePath(alertId, "clip.mp4")));
            }
            Alert alert = alerts.alert(alertId, camera, event, refs);
            outbox.append(alert);
            metrics.alertRaised(alert.type());
            evidenceUploader.poke();
            log.info("event=alert_raised alert={} camera={} type={} people={} evidence={}", alertId, camera.id(),
                    event.type(), event.peopleCount(), refs.size());
        });
    }

    @Override
    public void onOffline(CameraConfig camera, CameraStats stats, Duration offlineFor) {
        // a camera that stopped delivering is itself an incident for the grid: someone has to go and look
        String alertId = AlertFactory.newAlertId();
        Instant now = clock.instant();
        alertExecutor.execute(() -> {
            Alert alert = alerts.cameraOffline(alertId, camera, now.minus(offlineFor), now);
            outbox.append(alert);
            metrics.alertRaised(alert.type());
            log.warn("event=alert_raised alert={} camera={} type=CAMERA_OFFLINE offline_s={} last_error=\"{}\"", alertId,
                    camera.id(), offlineFor.toSeconds(), stats.lastError());
        });
    }

    @Override
    public void onTile(CameraConfig camera, Mat frame) {
        byte[] jpeg = JpegSnapshots.tile(frame, TILE_WIDTH);
        lastFrames.put(camera.id(), new AgentCommands.Picture(jpeg, clock.instant()));
        try {
            tileExecutor.execute(() -> uploader.uploadTile(camera.id(), jpeg));
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    @Override
    public void onStateChange(CameraConfig camera, CameraStats stats) {
        publishCameraStatus(camera, stats);
    }

    private void reloadFromFile() {
        try {
            actions.reloadConfig();
        } catch (io.gridsense.agent.command.CommandException | RuntimeException e) {
            log.error("event=config_reload_failed reason=\"{}\"", e.getMessage());
        }
    }

    private AgentHttpServer.Health health() {
        int online = 0;
        List<CameraFleet.Slot> slots = fleet.slots();
        for (CameraFleet.Slot s : slots) {
            online += s.worker().stats().online() ? 1 : 0;
        }
        boolean mqttUp = mqtt.isConnected();
        Duration oldest = outbox.oldestAge();
        boolean stuck = !mqttUp && oldest.compareTo(STUCK) > 0;
        boolean degraded = !mqttUp || online < slots.size() || outbox.inMemoryOnly() > 0;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", stuck ? "DOWN" : degraded ? "DEGRADED" : "UP");
        body.put("version", VERSION);
        body.put("agentId", config.agentId());
        body.put("mqtt", mqttUp ? "UP" : "DOWN");
        if (!mqttUp && mqtt.lastError() != null) {
            body.put("mqttError", mqtt.lastError());
        }
        body.put("outboxDepth", outbox.depth());
        body.put("outboxOldestAgeSeconds", oldest.toSeconds());
        body.put("outboxMemoryOnly", outbox.inMemoryOnly());
        body.put("camerasOnline", online);
        body.put("cameras", slots.size());
        return new AgentHttpServer.Health(!stuck, body);
    }

    private void publishStatus() {
        try {
            mqtt.publishIfConnected(Topic.agentStatus(config.site(), config.agentId()).path(), agentStatus(true), true);
            for (CameraFleet.Slot s : fleet.slots()) {
                publishCameraStatus(s.config(), s.worker().stats());
            }
        } catch (RuntimeException e) {
            log.warn("event=status_publish_failed reason=\"{}\"", e.getMessage());
        }
    }

    private void publishCameraStatus(CameraConfig c, CameraStats s) {
        CameraStats.Rates rates = s.sample();
        var stream = s.stream();
        CameraStatus status = new CameraStatus(WireCodec.SCHEMA_VERSION, config.agentId(), c.id(), s.online(),
                stream == null ? null : stream.codec(), stream == null ? 0 : stream.width(), stream == null ? 0 : stream.height(),
                rates.received(), rates.analysed(), s.lastFrameAt(), s.lastError(), c.location(), c.name(), clock.instant(),
                rates.decoded(), s.framesCorrupt(), s.reconnects(), s.online() ? null : s.offlineSince());
        mqtt.publishIfConnected(Topic.cameraStatus(config.site(), config.agentId(), c.id()).path(), status, true);
    }

    private AgentStatus agentStatus(boolean online) {
        List<CameraSummary> cams = fleet == null ? List.of()
                : fleet.slots().stream().map(s -> new CameraSummary(s.config().id(), s.worker().stats().online())).toList();
        return new AgentStatus(WireCodec.SCHEMA_VERSION, config.agentId(), config.site(), online, VERSION,
                Duration.between(startedAt, clock.instant()).toSeconds(), clock.instant(), cams);
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        statusTimer.shutdownNow();
        commands.close();
        fleet.close();
        alertExecutor.shutdown();
        try {
            alertExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tileExecutor.shutdownNow();
        // give queued alerts a moment to reach the broker; what is left stays in the outbox for the next start
        long deadline = System.currentTimeMillis() + 3000;
        while (outbox.depth() > 0 && mqtt.isConnected() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (outbox.depth() > 0) {
            log.warn("event=agent_stopping_with_undelivered alerts={} (kept on disk for the next start)", outbox.depth());
        }
        sender.close();
        evidenceUploader.close();
        mqtt.publishIfConnected(Topic.agentStatus(config.site(), config.agentId()).path(), agentStatus(false), true);
        mqtt.close();
        outbox.close();
        if (http != null) {
            http.close();
        }
        log.info("event=agent_stopped agent={}", config.agentId());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
