package io.gridsense.analytics.density;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.bitwise_not;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_OPEN;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.accumulateWeighted;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import io.gridsense.analytics.Box;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Occupancy for crowds too dense to count: the pixels that differ from a slowly learnt empty-scene background.
 * Unlike the motion gate (MOG2 absorbs a still crowd within seconds), this background learns the occupied pixels
 * only over minutes, so a crowd standing still stays visible; a global brightness change (clouds, street lights)
 * is compensated by a gain measured on the background pixels. Runs on the motion gate's small grey frame, ~1 ms.
 */
public final class OccupancyEstimator implements AutoCloseable {
    /** Background pixels follow the scene with a time constant of ~20 frames (4 s at 5 fps). */
    private static final double BACKGROUND_RATE = 0.05;
    /** Occupied pixels are learnt into the background with a time constant of ~600 frames (2 min at 5 fps). */
    private static final double OCCUPIED_RATE = 0.0017;
    /** For the first frames everything is learnt quickly, so people present at start leave no lasting ghost. */
    private static final int WARMUP_FRAMES = 25;
    private static final double WARMUP_RATE = 0.15;
    /** Grey-level difference (after gain compensation) that counts as a person rather than noise or JPEG blocks. */
    private static final double DIFF = 22;

    private final Mat background = new Mat();
    private final Mat frame32 = new Mat();
    private final Mat diff = new Mat();
    private final Mat mask = new Mat();
    private final Mat free = new Mat();
    private final Mat kernel;
    private final RegionMasks regions = new RegionMasks();
    private final HeightModel heights = new HeightModel();
    private long frames;

    public OccupancyEstimator() {
        try (Size k = new Size(3, 3)) {
            kernel = getStructuringElement(MORPH_ELLIPSE, k);
        }
    }

    /**
     * Updates with one small grey frame (any fixed size, 8-bit) and the people tracked on it (they teach the height
     * model; may be empty); the result is valid until the next call.
     */
    public Occupancy update(Mat grey, List<Box> people) {
        heights.observe(people);
        grey.convertTo(frame32, CV_32F);
        if (background.empty() || background.cols() != grey.cols() || background.rows() != grey.rows()) {
            frame32.copyTo(background);
            mask.create(grey.rows(), grey.cols(), CV_8U);
            try (Scalar zero = new Scalar(0.0)) {
                mask.put(zero);
            }
            frames = 1;
            return new Occupancy(mask, regions, heights);
        }
        // Gain: the scene's brightness change measured where the last frame saw no one.
        bitwise_not(mask, free);
        double gain = 1;
        if (countNonZero(free) > free.total() / 5) {
            try (Scalar now = mean(frame32, free); Scalar before = mean(background, free)) {
                gain = before.get(0) > 1 ? now.get(0) / before.get(0) : 1;
            }
        }
        try (Mat scaled = new Mat()) {
            background.convertTo(scaled, CV_32F, gain, 0);
            absdiff(frame32, scaled, diff);
        }
        diff.convertTo(mask, CV_8U);
        threshold(mask, mask, DIFF, 255, THRESH_BINARY);
        morphologyEx(mask, mask, MORPH_OPEN, kernel);
        bitwise_not(mask, free);
        if (frames < WARMUP_FRAMES) {
            accumulateWeighted(frame32, background, WARMUP_RATE);
        } else {
            accumulateWeighted(frame32, background, BACKGROUND_RATE, free);
            accumulateWeighted(frame32, background, OCCUPIED_RATE, mask);
        }
        frames++;
        return new Occupancy(mask, regions, heights);
    }

    /** The person-height model learnt so far (for tests and diagnostics). */
    public HeightModel heights() {
        return heights;
    }

    @Override
    public void close() {
        background.close();
        frame32.close();
        diff.close();
        mask.close();
        free.close();
        kernel.close();
        regions.close();
    }
}
