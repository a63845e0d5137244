package io.gridsense.agent;

import io.gridsense.agent.camera.AnalysisBudget;
import io.gridsense.agent.camera.CameraListener;
import io.gridsense.agent.camera.CameraWorker;
import io.gridsense.agent.camera.MediaSource;
import io.gridsense.agent.config.AgentConfig;
import io.gridsense.agent.config.CameraConfig;
import io.gridsense.agent.evidence.ClipRecorder;
import io.gridsense.agent.evidence.EvidenceSpool;
import io.gridsense.agent.health.AgentMetrics;
import io.gridsense.analytics.CameraPipeline;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's running cameras, each with its worker thread, analysis pipeline and clip recorder, and the
 * one place that applies a new camera list: a camera whose only change is its rules keeps running and gets
 * the new rules on its next frame; a changed source restarts that camera alone; others are untouched.
 */
final class CameraFleet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CameraFleet.class);

    /** One running camera. */
    record Slot(CameraConfig config, CameraWorker worker, CameraPipeline pipeline, ClipRecorder clip) {
    }

    private final AgentConfig agent;
    private final CameraListener listener;
    private final Function<CameraConfig, MediaSource> sources;
    private final Clock clock;
    private final EvidenceSpool spool;
    private final Runnable onClip;
    private final AgentMetrics metrics;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final AnalysisBudget budget;

    CameraFleet(AgentConfig agent, CameraListener listener, Function<CameraConfig, MediaSource> sources, Clock clock,
                EvidenceSpool spool, Runnable onClip, AgentMetrics metrics) {
        this.metrics = metrics;
        this.budget = new AnalysisBudget(agent.analysisThreads());
        // OpenCV would spread each HOG pass over its own worker pool (one per core), outside the analysis budget:
        // 16 cameras then took 1.4 cores of analysis with a budget of one. The cameras are the parallelism here.
        org.bytedeco.opencv.global.opencv_core.setNumThreads(1);
        this.agent = agent;
        this.listener = listener;
        this.sources = sources;
        this.clock = clock;
        this.spool = spool;
        this.onClip = onClip;
    }

    synchronized void start(List<CameraConfig> cameras) {
        cameras.forEach(this::launch);
    }

    synchronized List<Slot> slots() {
        return List.copyOf(slots.values());
    }

    synchronized Optional<Slot> get(String cameraId) {
        return Optional.ofNullable(slots.get(cameraId));
    }

    /** Applies a new camera list and says what changed, e.g. {@code added=[a] removed=[] restarted=[] rules=[b]}. */
    synchronized Map<String, List<String>> apply(List<CameraConfig> cameras) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> restarted = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        Map<String, CameraConfig> wanted = new LinkedHashMap<>();
        cameras.forEach(c -> wanted.put(c.id(), c));
        for (String id : List.copyOf(slots.keySet())) {
            if (!wanted.containsKey(id)) {
                stop(slots.remove(id));
                removed.add(id);
            }
        }
        for (CameraConfig c : wanted.values()) {
            Slot old = slots.get(c.id());
            if (old == null) {
                launch(c);
                added.add(c.id());
            } else if (sameSource(old.config(), c)) {
                if (!Objects.equals(old.config().rules(), c.rules())) {
                    old.pipeline().updateRules(c.rules());
                    slots.put(c.id(), new Slot(c, old.worker(), old.pipeline(), old.clip()));
                    rules.add(c.id());
                }
            } else {
                stop(slots.remove(c.id()));
                launch(c);
                restarted.add(c.id());
            }
        }
        Map<String, List<String>> summary = new LinkedHashMap<>();
        summary.put("added", added);
        summary.put("removed", removed);
        summary.put("restarted", restarted);
        summary.put("rulesUpdated", rules);
        log.info("event=cameras_applied added={} removed={} restarted={} rules_updated={}", added, removed, restarted, rules);
        return summary;
    }

    /** Restarts one camera (a new connection and a fresh pipeline); false when there is no such camera. */
    synchronized boolean restart(String cameraId) {
        Slot s = slots.remove(cameraId);
        if (s == null) {
            return false;
        }
        stop(s);
        launch(s.config());
        log.info("event=camera_restarted camera={}", cameraId);
        return true;
    }

    private static boolean sameSource(CameraConfig a, CameraConfig b) {
        return a.url().equals(b.url()) && Objects.equals(a.mainUrl(), b.mainUrl()) && a.loop() == b.loop()
                && a.location().equals(b.location()) && a.name().equals(b.name());
    }

    private void launch(CameraConfig c) {
        CameraPipeline pipeline = CameraPipeline.create(c.rules(), agent.detector());
        CameraWorker worker = new CameraWorker(c, sources, pipeline, listener, agent.analysisFps(), clock, agent.pull(), budget);
        ClipRecorder clip = null;
        if (agent.evidence().clips()) {
            clip = new ClipRecorder(c, Duration.ofSeconds(agent.evidence().preSeconds()),
                    Duration.ofSeconds(agent.evidence().postSeconds()), spool, agent.dataDir().resolve("tmp"), onClip);
            clip.start();
        }
        worker.start();
        slots.put(c.id(), new Slot(c, worker, pipeline, clip));
        metrics.bindCamera(c.id(), worker.stats());
    }

    private void stop(Slot s) {
        metrics.unbindCamera(s.config().id());
        s.worker().stop(); // also closes the pipeline
        if (s.clip() != null) {
            s.clip().close();
        }
    }

    @Override
    public synchronized void close() {
        slots.values().forEach(this::stop);
        slots.clear();
    }
}
