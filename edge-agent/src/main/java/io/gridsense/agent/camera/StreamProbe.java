package io.gridsense.agent.camera;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Opens a stream once, the way a camera worker would, and reports what it carries: codec, size, nominal and
 * measured frame rate, how long the first picture took, and a JPEG snapshot of it. For {@code cameras probe}
 * and for one-off main-stream pictures.
 */
public final class StreamProbe {

    /** What a probe found; {@code snapshot} is null when none was asked for. */
    public record Result(String codec, int width, int height, double nominalFps, double measuredFps, Instant firstFrameAt,
                         Duration firstFrameAfter, long framesRead, long corruptFrames, Path snapshot) {
    }

    private final PullSettings settings;
    private final Clock clock;

    public StreamProbe(PullSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Reads {@code url} for {@code measureFor} after the first picture; saves that picture to {@code snapshot} when given. */
    public Result probe(String url, Duration measureFor, Path snapshot) throws IOException {
        long start = System.nanoTime();
        try (FfmpegMediaSource source = new FfmpegMediaSource(url, false, settings);
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            source.open();
            Frame first = source.grab(true);
            if (first == null) {
                throw new IOException(CameraErrors.noFrames(Duration.ofNanos(System.nanoTime() - start)));
            }
            Instant firstAt = clock.instant();
            Duration firstAfter = Duration.ofNanos(System.nanoTime() - start);
            Path saved = null;
            if (snapshot != null) {
                Mat mat = converter.convert(first);
                if (mat != null && !mat.empty()) {
                    if (snapshot.toAbsolutePath().getParent() != null) {
                        Files.createDirectories(snapshot.toAbsolutePath().getParent());
                    }
                    if (opencv_imgcodecs.imwrite(snapshot.toString(), mat)) {
                        saved = snapshot;
                    }
                }
            }
            long frames = 1;
            long firstTs = -1;
            long lastTs = -1;
            long counted = 0;
            long deadline = System.nanoTime() + measureFor.toNanos();
            Frame f;
            while (System.nanoTime() < deadline && (f = source.grab(false)) != null) {
                frames++;
                // the camera's own timestamps give its rate (wall time would count the burst buffered while
                // connecting); RTSP's first picture is stamped before the RTCP sync, so start from the second
                if (firstTs < 0) {
                    firstTs = f.timestamp;
                } else {
                    counted++;
                }
                lastTs = f.timestamp;
            }
            double mediaSecs = (lastTs - firstTs) / 1e6;
            MediaSource.StreamInfo info = source.info();
            return new Result(info.codec(), info.width(), info.height(), info.fps(), mediaSecs > 0 ? counted / mediaSecs : 0,
                    firstAt,
                    firstAfter, frames, source.corruptFrames(), saved);
        }
    }
}
