package io.gridsense.agent.camera;

import io.gridsense.agent.config.CameraConfig;
import io.gridsense.analytics.BehaviorEvent;
import io.gridsense.analytics.CameraPipeline;
import io.gridsense.analytics.FrameAnalysis;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera, isolated on two threads of its own: the decode thread opens the source, decodes every frame and
 * hands a copy to the analysis thread at the configured rate through a one-picture {@link FrameSlot} (a slow
 * analysis makes it skip pictures, never queue them); while the pipeline measures a fight candidate it also hands
 * over the picture midway between two analysed ones, for the fight stage's flow only. The source is reopened with
 * exponential backoff and jitter when it fails. A bad camera never slows another.
 */
public final class CameraWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CameraWorker.class);
    private static final Duration TILE_INTERVAL = Duration.ofSeconds(2);
    // a session shorter than this does not reset the backoff: a camera that accepts and then drops at once
    // would otherwise be hammered every second
    private static final Duration STABLE_SESSION = Duration.ofSeconds(10);
    private static final long WAKE_MILLIS = 200;

    private final CameraConfig camera;
    private final Function<CameraConfig, MediaSource> sources;
    private final CameraPipeline pipeline;
    private final CameraListener listener;
    private final Clock clock;
    private final PullSettings settings;
    private final AnalysisBudget budget;
    private final long analysisPeriodNanos;
    private final CameraStats stats;
    private final FrameSlot slot = new FrameSlot();
    private volatile boolean running = true;
    private volatile Thread decodeThread;
    private volatile Thread analysisThread;
    private boolean offlineReported;

    public CameraWorker(CameraConfig camera, Function<CameraConfig, MediaSource> sources, CameraPipeline pipeline,
                        CameraListener listener, double analysisFps, Clock clock) {
        this(camera, sources, pipeline, listener, analysisFps, clock, PullSettings.defaults());
    }

    public CameraWorker(CameraConfig camera, Function<CameraConfig, MediaSource> sources, CameraPipeline pipeline,
                        CameraListener listener, double analysisFps, Clock clock, PullSettings settings) {
        this(camera, sources, pipeline, listener, analysisFps, clock, settings, new AnalysisBudget(Integer.MAX_VALUE / 2));
    }

    /** A camera worker sharing the box's analysis {@code budget} with the other cameras. */
    public CameraWorker(CameraConfig camera, Function<CameraConfig, MediaSource> sources, CameraPipeline pipeline,
                        CameraListener listener, double analysisFps, Clock clock, PullSettings settings, AnalysisBudget budget) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.camera = camera;
        this.sources = sources;
        this.pipeline = pipeline;
        this.listener = listener;
        this.clock = clock;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.analysisPeriodNanos = Math.round(1e9 / analysisFps);
        this.stats = new CameraStats(clock.instant());
    }

    public CameraConfig camera() {
        return camera;
    }

    public CameraStats stats() {
        return stats;
    }

    /** Starts the camera's decode and analysis threads. */
    public void start() {
        Thread a = new Thread(this::analyseLoop, "analysis-" + camera.id());
        a.setDaemon(true);
        analysisThread = a;
        a.start();
        Thread t = new Thread(this, "camera-" + camera.id());
        t.setDaemon(true);
        decodeThread = t;
        t.start();
    }

    /** Stops both threads and waits for them to let go of the source and the pipeline. */
    public void stop() {
        running = false;
        slot.close();
        for (Thread t : new Thread[] {decodeThread, analysisThread}) {
            if (t != null) {
                t.interrupt();
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        pipeline.close();
    }

    @Override
    public void run() {
        Duration backoff = settings.minBackoff();
        while (running) {
            long sessionStart = 0;
            String why;
            try (MediaSource source = sources.apply(camera)) {
                source.open();
                sessionStart = System.nanoTime();
                MediaSource.StreamInfo info = source.info();
                stats.connected(info, clock.instant());
                offlineReported = false;
                log.info("event=camera_online camera={} codec={} size={}x{} fps={} transport={}", camera.id(),
                        info.codec(), info.width(), info.height(), info.fps(), settings.transport());
                listener.onStateChange(camera, stats);
                why = readUntilFailure(source);
            } catch (IOException | RuntimeException e) {
                why = e instanceof IOException && e.getMessage() != null ? e.getMessage() : CameraErrors.plainWords(e);
            }
            if (!running) {
                break;
            }
            boolean wasOnline = stats.online();
            String previous = stats.lastError();
            if (sessionStart != 0 && System.nanoTime() - sessionStart >= STABLE_SESSION.toNanos()) {
                backoff = settings.minBackoff();
            }
            Duration delay = CameraErrors.isAuthFailure(why) ? max(backoff, settings.authBackoff()) : backoff;
            stats.failed(why, clock.instant());
            log.warn("event=camera_error camera={} url={} error=\"{}\" retry_in_ms={}", camera.id(), camera.redactedUrl(),
                    why, delay.toMillis());
            if (wasOnline || !why.equals(previous)) {
                listener.onStateChange(camera, stats);
            }
            sleepWatchingOutage(delay);
            backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : backoff.multipliedBy(2);
        }
        log.info("event=camera_stopped camera={}", camera.id());
    }

    /** Decodes until the source fails; returns why in plain words. */
    private String readUntilFailure(MediaSource source) throws IOException {
        long nextAnalysis = System.nanoTime();
        long nextTile = System.nanoTime();
        // the picture midway to the next analysed one, wanted only while the pipeline measures a fight candidate
        long nextBetween = Long.MAX_VALUE;
        long lastFrameNanos = System.nanoTime();
        long corruptSeen = 0;
        MediaSource.StreamInfo info = source.info();
        try (OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            while (running) {
                long t = System.nanoTime();
                boolean dueAnalysis = t >= nextAnalysis;
                boolean dueTile = t >= nextTile;
                boolean dueBetween = !dueAnalysis && t >= nextBetween && pipeline.wantsBetweenFrames();
                // Whether the analyser is free is asked once the picture is here, not now: right after a hand-off it
                // is still waking up, and a picture due on the next frame was dropped for that (~7 % of them).
                boolean want = dueAnalysis || dueTile || dueBetween;
                Frame frame = source.grab(want);
                if (frame == null) {
                    Duration silent = Duration.ofNanos(System.nanoTime() - lastFrameNanos);
                    return silent.compareTo(settings.ioTimeout().multipliedBy(9).dividedBy(10)) >= 0
                            ? CameraErrors.noFrames(silent) : "connection closed by the camera (end of stream)";
                }
                lastFrameNanos = System.nanoTime();
                Instant now = clock.instant();
                stats.frameIn(now);
                long corrupt = source.corruptFrames();
                boolean damaged = corrupt != corruptSeen;
                if (damaged) {
                    stats.corrupt(corrupt - corruptSeen);
                    corruptSeen = corrupt;
                }
                if (!source.info().equals(info)) {
                    info = source.info();
                    stats.streamChanged(info);
                    log.info("event=camera_stream_changed camera={} codec={} size={}x{}", camera.id(), info.codec(),
                            info.width(), info.height());
                }
                if (!want || frame.image == null || damaged) {
                    // a damaged picture (before the first key frame, after a lost packet) is grey smear: the motion
                    // gate would learn it as background and then see the whole real scene as motion for minutes,
                    // running the detector on an empty camera; the next good picture is analysed instead
                    continue;
                }
                if (dueBetween) {
                    nextBetween = Long.MAX_VALUE; // one in-between picture per period, taken or not
                }
                if (!slot.isFree()) {
                    if (dueAnalysis) {
                        // the analyser is still busy with an earlier picture: skip this slot, never queue
                        stats.frameDropped();
                        nextAnalysis = t + analysisPeriodNanos;
                    }
                    continue;
                }
                Mat mat = converter.convert(frame);
                if (mat == null || mat.empty()) {
                    continue;
                }
                // the frame's buffer is reused by the next grab: the analyser gets its own copy
                if (slot.put(new FrameSlot.Handoff(mat.clone(), now, dueAnalysis, dueTile, dueBetween && !dueAnalysis))) {
                    if (dueAnalysis) {
                        nextAnalysis = Math.max(nextAnalysis + analysisPeriodNanos, t);
                        nextBetween = t + analysisPeriodNanos / 2;
                    }
                    if (dueTile) {
                        nextTile = t + TILE_INTERVAL.toNanos();
                    }
                }
            }
        }
        return "stopped";
    }

    private void analyseLoop() {
        while (running) {
            FrameSlot.Handoff h;
            try {
                h = slot.take(WAKE_MILLIS * 5);
            } catch (InterruptedException e) {
                break;
            }
            if (h == null) {
                continue;
            }
            try {
                if (h.analyse()) {
                    analyseWithinBudget(h.mat(), h.at());
                } else if (h.between()) {
                    betweenWithinBudget(h.mat(), h.at());
                }
                if (h.tile()) {
                    listener.onTile(camera, h.mat());
                }
            } catch (RuntimeException e) {
                // one bad picture or listener failure must not end the camera's analysis
                log.warn("event=analysis_failed camera={} error=\"{}\"", camera.id(), CameraErrors.plainWords(e));
            } finally {
                h.mat().release();
                slot.done();
            }
        }
    }

    private void analyseWithinBudget(Mat mat, Instant now) {
        boolean entered;
        try {
            entered = budget.tryEnter(analysisPeriodNanos / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!entered) {
            // the box is at its analysis budget: this picture is skipped, the next one is fresher
            stats.frameDropped();
            return;
        }
        try {
            analyse(mat, now);
        } finally {
            budget.leave();
        }
    }

    /** An in-between picture is measured only when a slot is free right now: it is a bonus, never waited for. */
    private void betweenWithinBudget(Mat mat, Instant now) {
        try {
            if (!budget.tryEnter(0)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            if (pipeline.between(mat, now)) {
                stats.frameBetween();
            }
        } finally {
            budget.leave();
        }
    }

    private void analyse(Mat mat, Instant now) {
        FrameAnalysis result = pipeline.analyse(mat, now);
        stats.frameAnalysed();
        for (BehaviorEvent event : result.events()) {
            log.info("event=behavior camera={} type={} rule={} people={} confidence={}", camera.id(), event.type(),
                    event.ruleId(), event.peopleCount(), String.format("%.2f", event.confidence()));
            listener.onEvent(camera, event, mat);
        }
    }

    /** Sleeps the backoff with jitter in short steps, raising the offline alert once the outage is long enough. */
    private void sleepWatchingOutage(Duration base) {
        long ms = base.toMillis();
        long deadline = System.currentTimeMillis() + ms + ThreadLocalRandom.current().nextLong(Math.max(1, ms / 4) + 1);
        while (running) {
            reportLongOutage();
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.min(left, WAKE_MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void reportLongOutage() {
        Duration off = stats.offlineFor(clock.instant());
        if (!offlineReported && !stats.online() && off.compareTo(settings.offlineAlertAfter()) >= 0) {
            offlineReported = true;
            log.warn("event=camera_offline_alert camera={} offline_s={} error=\"{}\"", camera.id(), off.toSeconds(),
                    stats.lastError());
            try {
                listener.onOffline(camera, stats, off);
            } catch (RuntimeException e) {
                log.warn("event=offline_listener_failed camera={} error=\"{}\"", camera.id(), e.getMessage());
            }
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
