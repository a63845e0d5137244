package io.gridsense.analytics.people;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.gridsense.analytics.Box;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.HOGDescriptor;

/**
 * People detection with OpenCV's built-in HOG + linear SVM pedestrian model (Dalal-Triggs; no downloaded
 * weights). Works for upright people at least ~100 px tall in the analysed frame; slow-ish (tens of ms at
 * 640x360), which is why the motion gate decides when it runs.
 */
public final class HogPersonDetector implements PersonDetector {
    /** Length of the default people detector: 3780 weights + bias. */
    private static final int SVM_LENGTH = 3781;
    private static final int MAX_WIDTH = 640;
    /** Narrow sub-streams (CIF, 352 px) are upscaled: HOG's window needs people ~100 px tall. */
    private static final int MIN_WIDTH = 480;

    private final HOGDescriptor hog;
    private final Size winStride = new Size(8, 8);
    private final Size padding = new Size(16, 16);
    private final double scale;
    private volatile double hitThreshold;

    /** A detector at sensitivity 0.5 with a 1.05 pyramid step. */
    public HogPersonDetector() {
        this(0.5, 1.05);
    }

    public HogPersonDetector(double sensitivity, double pyramidScale) {
        hog = new HOGDescriptor();
        // setSVMDetector copies the coefficients, so the temporary vector and its Mat view are freed right away.
        try (FloatPointer weights = HOGDescriptor.getDefaultPeopleDetector()) {
            weights.capacity(SVM_LENGTH);
            try (Mat svm = new Mat(weights)) {
                hog.setSVMDetector(svm);
            }
        }
        scale = pyramidScale;
        setSensitivity(sensitivity);
    }

    /** Sensitivity 0..1 maps to the SVM margin 0.6..-0.4 (0.5 gives ~0.1, a little stricter than OpenCV's 0). */
    @Override
    public void setSensitivity(double sensitivity) {
        hitThreshold = 0.6 - Math.max(0, Math.min(1, sensitivity));
    }

    @Override
    public List<Box> detect(Mat bgr) {
        if (bgr.empty()) {
            return List.of();
        }
        Mat img = bgr;
        Mat small = null;
        int target = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, bgr.cols()));
        if (bgr.cols() != target) {
            small = new Mat();
            try (Size size = new Size(target, (int) Math.round(bgr.rows() * (double) target / bgr.cols()))) {
                resize(bgr, small, size, 0, 0, target < bgr.cols() ? INTER_AREA : INTER_LINEAR);
            }
            img = small;
        }
        double iw = img.cols();
        double ih = img.rows();
        List<Box> raw = new ArrayList<>();
        try (RectVector found = new RectVector(); DoublePointer w = new DoublePointer()) {
            // finalThreshold 1: OpenCV groups overlapping windows needing 2+ hits; our NMS cleans up the rest.
            hog.detectMultiScale(img, found, w, hitThreshold, winStride, padding, scale, 1.0, false);
            long n = found.size();
            for (long i = 0; i < n; i++) {
                Rect r = found.get(i);
                double score = i < w.limit() ? w.get(i) : 0.5;
                // The 64x128 window has a margin around the person: keep the central 60% x 80%.
                double x = r.x() + 0.2 * r.width();
                double y = r.y() + 0.09 * r.height();
                double bw = 0.6 * r.width();
                double bh = 0.82 * r.height();
                x = Math.max(0, x);
                y = Math.max(0, y);
                bw = Math.min(iw - x, bw);
                bh = Math.min(ih - y, bh);
                // SVM margins are roughly 0..3; squash into a 0..1 confidence.
                double conf = 1 - Math.exp(-Math.max(0, score + 0.5));
                raw.add(new Box(x / iw, y / ih, bw / iw, bh / ih, conf));
            }
        } finally {
            if (small != null) {
                small.close();
            }
        }
        return Nms.suppress(raw, 0.35);
    }

    @Override
    public void close() {
        hog.close();
        winStride.close();
        padding.close();
    }
}
