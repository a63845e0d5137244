package io.gridsense.analytics.eval;

import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes a video file and hands over frames at about {@code fps} (by their timestamps, whatever the file's own
 * rate), as the agent samples a camera stream. The Mat passed to the consumer is valid only during the call.
 */
public final class ClipFrames {
    /** Receives one sampled frame and its time in seconds from the start of the clip. */
    @FunctionalInterface
    public interface Consumer {
        void accept(Mat bgr, double tSeconds) throws Exception;
    }

    private ClipFrames() {
    }

    /**
     * The clip's length in seconds as its container states it (frames over frame rate), before playing it; infinite
     * when the container does not say, so that such a clip is scored as a long one.
     */
    public static double length(Path clip) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.start();
            int frames = grabber.getLengthInVideoFrames();
            double rate = grabber.getFrameRate();
            if (frames > 0 && rate > 0) {
                return frames / rate;
            }
            return grabber.getLengthInTime() > 0 ? grabber.getLengthInTime() / 1e6 : Double.POSITIVE_INFINITY;
        }
    }

    /** Plays {@code clip} into {@code consumer}; returns the clip's length in seconds (last frame time). */
    public static double play(Path clip, double fps, Consumer consumer) throws Exception {
        return play(clip, fps, consumer, null);
    }

    /**
     * As above, and hands the first frame at or past the midpoint between two sampled ones to {@code between} (when
     * not null), as the agent hands a camera's in-between frames to the fight stage's flow.
     */
    public static double play(Path clip, double fps, Consumer consumer, Consumer between) throws Exception {
        return play(clip, fps, 0, consumer, between);
    }

    /**
     * As above, sampling from the first frame at or past {@code startS} seconds (0: the first frame, as the harness
     * and the agent do); frames before it are decoded and skipped.
     */
    public static double play(Path clip, double fps, double startS, Consumer consumer, Consumer between)
            throws Exception {
        double step = 1.0 / fps;
        double next = startS;
        double last = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            double rate = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 25;
            long index = 0;
            double betweenAt = Double.POSITIVE_INFINITY;
            Frame f;
            while ((f = grabber.grabImage()) != null) {
                // Frame index / rate rather than container timestamps: some files start at odd offsets.
                double t = index++ / rate;
                last = t;
                if (t + 1e-6 < next) {
                    if (between != null && t + 1e-6 >= betweenAt) {
                        betweenAt = Double.POSITIVE_INFINITY;
                        Mat bgr = converter.convert(f);
                        if (bgr != null && !bgr.empty()) {
                            between.accept(bgr, t);
                        }
                    }
                    continue;
                }
                betweenAt = t + step / 2;
                next += step;
                while (next <= t) {
                    next += step;
                }
                Mat bgr = converter.convert(f);
                if (bgr != null && !bgr.empty()) {
                    consumer.accept(bgr, t);
                }
            }
            grabber.stop();
        }
        return last;
    }
}
