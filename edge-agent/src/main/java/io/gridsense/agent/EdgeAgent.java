package io.gridsense.agent;

import io.gridsense.agent.alert.AlertFactory;
import io.gridsense.agent.camera.CameraListener;
import io.gridsense.agent.camera.CameraStats;
import io.gridsense.agent.camera.CameraWorker;
import io.gridsense.agent.camera.FfmpegMediaSource;
import io.gridsense.agent.camera.MediaSource;
import io.gridsense.agent.config.AgentConfig;
import io.gridsense.agent.config.CameraConfig;
import io.gridsense.agent.evidence.ClipRecorder;
import io.gridsense.agent.evidence.EvidenceSpool;
import io.gridsense.agent.evidence.EvidenceUploader;
import io.gridsense.agent.evidence.HubUploader;
import io.gridsense.agent.evidence.JpegSnapshots;
import io.gridsense.agent.mqtt.AlertSender;
import io.gridsense.agent.mqtt.MqttLink;
import io.gridsense.agent.outbox.DiskOutbox;
import io.gridsense.analytics.BehaviorEvent;
import io.gridsense.analytics.CameraPipeline;
import io.gridsense.protocol.AgentStatus;
import io.gridsense.protocol.CameraStatus;
import io.gridsense.protocol.CameraSummary;
import io.gridsense.protocol.EvidenceRef;
import io.gridsense.protocol.Topic;
import io.gridsense.protocol.WireCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
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
 * The edge box process: one {@link CameraWorker} per camera, alerts into the outbox and out over MQTT,
 * evidence snapshots and live tiles to the hub over HTTP, and retained agent and camera status.
 */
public final class EdgeAgent implements CameraListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EdgeAgent.class);
    /** This agent's software version, as reported on its status topic. */
    public static final String VERSION = "0.1.0";

    private final AgentConfig config;
    private final Clock clock;
    private final WireCodec codec = new WireCodec();
    private final DiskOutbox outbox;
    private final MqttLink mqtt;
    private final AlertSender sender;
    private final HubUploader uploader;
    private final EvidenceSpool spool;
    private final EvidenceUploader evidenceUploader;
    private final Map<String, ClipRecorder> clips = new ConcurrentHashMap<>();
    private final AlertFactory alerts;
    private final List<CameraWorker> workers = new ArrayList<>();
    // alerts are stored in the order they were raised; tiles are dropped when the uploader falls behind
    private final ExecutorService alertExecutor = Executors.newSingleThreadExecutor(r -> daemon(r, "alerts"));
    private final ExecutorService tileExecutor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(8), r -> daemon(r, "tiles"), new ThreadPoolExecutor.DiscardPolicy());
    private final ScheduledExecutorService statusTimer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "status"));
    private final Instant startedAt;

    private EdgeAgent(AgentConfig config, Clock clock, Function<CameraConfig, MediaSource> sources) throws Exception {
        this.config = config;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.outbox = DiskOutbox.open(config.dataDir().resolve("outbox"), 8L << 20, 100_000, clock);
        this.mqtt = new MqttLink(config, codec, agentStatus(false));
        this.sender = new AlertSender(outbox, mqtt, codec);
        this.uploader = new HubUploader(config.hub().url(), config.hub().token());
        this.spool = new EvidenceSpool(config.dataDir().resolve("evidence"), config.evidence().spoolBytes());
        this.evidenceUploader = new EvidenceUploader(spool, uploader);
        if (config.evidence().clips()) {
            for (CameraConfig c : config.cameras()) {
                clips.put(c.id(), new ClipRecorder(c, Duration.ofSeconds(config.evidence().preSeconds()),
                        Duration.ofSeconds(config.evidence().postSeconds()), spool, config.dataDir().resolve("tmp"),
                        evidenceUploader::poke));
            }
        }
        this.alerts = new AlertFactory(config.site(), config.agentId());
        for (CameraConfig c : config.cameras()) {
            workers.add(new CameraWorker(c, sources, CameraPipeline.withDefaults(c.rules()), this, config.analysisFps(), clock));
        }
    }

    /** Starts an agent whose cameras are read by FFmpeg (RTSP or files). */
    public static EdgeAgent start(AgentConfig config) throws Exception {
        return start(config, Clock.systemUTC(), c -> new FfmpegMediaSource(c.url(), c.loop(), Duration.ofSeconds(5)));
    }

    public static EdgeAgent start(AgentConfig config, Clock clock, Function<CameraConfig, MediaSource> sources) throws Exception {
        EdgeAgent agent = new EdgeAgent(config, clock, sources);
        agent.mqtt.start();
        agent.sender.start();
        agent.evidenceUploader.start();
        agent.clips.values().forEach(ClipRecorder::start);
        agent.workers.forEach(CameraWorker::start);
        agent.statusTimer.scheduleAtFixedRate(agent::publishStatus, 1, config.statusIntervalSeconds(), TimeUnit.SECONDS);
        log.info("event=agent_started site={} agent={} cameras={} mqtt={} hub={}", config.site(), config.agentId(),
                config.cameras().size(), config.mqtt().serverUri(), config.hub().url());
        return agent;
    }

    /** Alerts raised but not yet acknowledged by the broker. */
    public int outboxDepth() {
        return outbox.depth();
    }

    public List<CameraWorker> cameras() {
        return List.copyOf(workers);
    }

    @Override
    public void onEvent(CameraConfig camera, BehaviorEvent event, Mat frame) {
        String alertId = AlertFactory.newAlertId();
        byte[] jpeg = JpegSnapshots.evidence(frame, event.region());
        ClipRecorder clip = clips.get(camera.id());
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
            outbox.append(alerts.alert(alertId, camera, event, refs));
            evidenceUploader.poke();
            log.info("event=alert_raised alert={} camera={} type={} people={} evidence={}", alertId, camera.id(),
                    event.type(), event.peopleCount(), refs.size());
        });
    }

    @Override
    public void onTile(CameraConfig camera, Mat frame) {
        byte[] jpeg = JpegSnapshots.tile(frame, 480);
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

    private void publishStatus() {
        try {
            mqtt.publishIfConnected(Topic.agentStatus(config.site(), config.agentId()).path(), agentStatus(true), true);
            for (CameraWorker w : workers) {
                publishCameraStatus(w.camera(), w.stats());
            }
        } catch (RuntimeException e) {
            log.warn("event=status_publish_failed reason=\"{}\"", e.getMessage());
        }
    }

    private void publishCameraStatus(CameraConfig c, CameraStats s) {
        double[] rates = s.sampleRates();
        var stream = s.stream();
        CameraStatus status = new CameraStatus(WireCodec.SCHEMA_VERSION, config.agentId(), c.id(), s.online(),
                stream == null ? null : stream.codec(), stream == null ? 0 : stream.width(), stream == null ? 0 : stream.height(),
                rates[0], rates[1], s.lastFrameAt(), s.lastError(), c.location(), c.name(), clock.instant());
        mqtt.publishIfConnected(Topic.cameraStatus(config.site(), config.agentId(), c.id()).path(), status, true);
    }

    private AgentStatus agentStatus(boolean online) {
        List<CameraSummary> cams = workers.stream().map(w -> new CameraSummary(w.camera().id(), w.stats().online())).toList();
        return new AgentStatus(WireCodec.SCHEMA_VERSION, config.agentId(), config.site(), online, VERSION,
                Duration.between(startedAt, clock.instant()).toSeconds(), clock.instant(), cams);
    }

    @Override
    public void close() {
        statusTimer.shutdownNow();
        workers.forEach(CameraWorker::stop);
        clips.values().forEach(ClipRecorder::close);
        alertExecutor.shutdown();
        try {
            alertExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tileExecutor.shutdownNow();
        // give queued alerts a moment to reach the broker before the session closes
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
            log.warn("event=agent_stopping_with_undelivered alerts={}", outbox.depth());
        }
        sender.close();
        evidenceUploader.close();
        mqtt.publishIfConnected(Topic.agentStatus(config.site(), config.agentId()).path(), agentStatus(false), true);
        mqtt.close();
        outbox.close();
        log.info("event=agent_stopped agent={}", config.agentId());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
