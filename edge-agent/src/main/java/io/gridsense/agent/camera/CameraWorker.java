package io.gridsense.agent.camera;

import io.gridsense.agent.config.CameraConfig;
import io.gridsense.analytics.BehaviorEvent;
import io.gridsense.analytics.CameraPipeline;
import io.gridsense.analytics.FrameAnalysis;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera's own thread: open the source, decode every frame, analyse at the configured rate (dropping
 * the frames in between, so a slow analysis never builds a backlog), and reconnect with exponential backoff
 * and jitter when the source fails. A bad camera never slows another: each has its own worker.
 */
public final class CameraWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CameraWorker.class);
    private static final Duration TILE_INTERVAL = Duration.ofSeconds(2);
    private static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final CameraConfig camera;
    private final Function<CameraConfig, MediaSource> sources;
    private final CameraPipeline pipeline;
    private final CameraListener listener;
    private final Clock clock;
    private final long analysisPeriodNanos;
    private final CameraStats stats = new CameraStats();
    private volatile boolean running = true;
    private volatile Thread thread;

    public CameraWorker(CameraConfig camera, Function<CameraConfig, MediaSource> sources, CameraPipeline pipeline,
                        CameraListener listener, double analysisFps, Clock clock) {
        this.camera = camera;
        this.sources = sources;
        this.pipeline = pipeline;
        this.listener = listener;
        this.clock = clock;
        this.analysisPeriodNanos = Math.round(1e9 / analysisFps);
    }

    public CameraConfig camera() {
        return camera;
    }

    public CameraStats stats() {
        return stats;
    }

    /** Starts the camera's thread. */
    public void start() {
        Thread t = new Thread(this, "camera-" + camera.id());
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops the thread and waits for it to let go of the source and the pipeline. */
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pipeline.close();
    }

    @Override
    public void run() {
        Duration backoff = MIN_BACKOFF;
        while (running) {
            try (MediaSource source = sources.apply(camera)) {
                source.open();
                stats.connected(source.info());
                log.info("event=camera_online camera={} codec={} size={}x{} fps={}", camera.id(),
                        source.info().codec(), source.info().width(), source.info().height(), source.info().fps());
                listener.onStateChange(camera, stats);
                backoff = MIN_BACKOFF;
                readUntilFailure(source);
                if (running) {
                    throw new IOException("end of stream");
                }
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    break;
                }
                String why = e instanceof IOException ? e.getMessage() : CameraErrors.plainWords(e);
                boolean wasOnline = stats.online();
                stats.failed(why);
                log.warn("event=camera_error camera={} error=\"{}\" retry_in_ms={}", camera.id(), why, backoff.toMillis());
                if (wasOnline) {
                    listener.onStateChange(camera, stats);
                }
                sleepWithJitter(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        log.info("event=camera_stopped camera={}", camera.id());
    }

    private void readUntilFailure(MediaSource source) throws IOException {
        long nextAnalysis = System.nanoTime();
        long nextTile = System.nanoTime();
        try (OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            while (running) {
                Frame frame = source.grab();
                if (frame == null) {
                    return;
                }
                Instant now = clock.instant();
                stats.frameIn(now);
                long t = System.nanoTime();
                boolean analyse = t >= nextAnalysis;
                boolean tile = t >= nextTile;
                if (!analyse && !tile) {
                    continue;
                }
                Mat mat = converter.convert(frame);
                if (mat == null) {
                    continue;
                }
                if (analyse) {
                    // schedule from now, not from the missed slot: a slow analysis skips frames instead of queueing
                    nextAnalysis = Math.max(nextAnalysis + analysisPeriodNanos, t);
                    analyse(mat, now);
                }
                if (tile) {
                    nextTile = t + TILE_INTERVAL.toNanos();
                    listener.onTile(camera, mat);
                }
            }
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

    private void sleepWithJitter(Duration base) {
        long ms = base.toMillis();
        long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, ms / 4) + 1);
        try {
            Thread.sleep(ms + jitter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
