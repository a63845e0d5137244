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
    /** Motion blobs shorter than this (analysed-frame pixels) get an enlarged second look. */
    private static final double SMALL_PX = 140;
    private static final double TINY_PX = 24;
    private static final double MAX_UPSCALE = 3;
    private static final int MAX_ROIS = 10;

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
        return detect(bgr, List.of());
    }

    /**
     * The whole frame at its own scale, then a closer look at small movers: each motion blob shorter than
     * SMALL_PX is cropped with a margin and enlarged so a person in it is about 128 px tall (HOG's window cannot
     * see smaller people). Costs a few ms per small blob; large blobs and quiet frames add nothing.
     */
    @Override
    public List<Box> detect(Mat bgr, List<Box> motion) {
        if (bgr.empty()) {
            return List.of();
        }
        List<Box> raw = new ArrayList<>();
        Mat img = bgr;
        Mat small = null;
        int target = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, bgr.cols()));
        try {
            if (bgr.cols() != target) {
                small = new Mat();
                try (Size size = new Size(target, (int) Math.round(bgr.rows() * (double) target / bgr.cols()))) {
                    resize(bgr, small, size, 0, 0, target < bgr.cols() ? INTER_AREA : INTER_LINEAR);
                }
                img = small;
            }
            find(img, 0, 0, bgr.cols() / (double) img.cols(), bgr.rows() / (double) img.rows(), bgr.cols(), bgr.rows(),
                    scale, raw);
        } finally {
            if (small != null) {
                small.close();
            }
        }
        double fw = bgr.cols();
        double fh = bgr.rows();
        List<Box> blobs = new ArrayList<>(motion);
        blobs.sort((a, b) -> Double.compare(b.w() * b.h(), a.w() * a.h()));
        int looked = 0;
        for (Box blob : blobs) {
            double hPx = blob.h() * fh;
            if (hPx >= SMALL_PX || hPx < TINY_PX || looked >= MAX_ROIS) {
                continue;
            }
            looked++;
            double up = Math.min(MAX_UPSCALE, 128.0 / hPx);
            // Generous context: a blob often covers only the parts that moved (the upper body, the swinging legs).
            double rw = Math.max(blob.w() * fw + 1.0 * hPx, 96 / up);
            double rh = Math.max(hPx * 2.0, 176 / up);
            int x0 = (int) Math.max(0, Math.round(blob.centerX() * fw - rw / 2));
            int y0 = (int) Math.max(0, Math.round(blob.centerY() * fh - rh / 2));
            int x1 = (int) Math.min(fw, Math.round(blob.centerX() * fw + rw / 2));
            int y1 = (int) Math.min(fh, Math.round(blob.centerY() * fh + rh / 2));
            if ((x1 - x0) * up < 72 || (y1 - y0) * up < 136) {
                continue;
            }
            try (Rect r = new Rect(x0, y0, x1 - x0, y1 - y0); Mat roi = new Mat(bgr, r); Mat big = new Mat();
                 Size size = new Size((int) Math.round((x1 - x0) * up), (int) Math.round((y1 - y0) * up))) {
                resize(roi, big, size, 0, 0, INTER_LINEAR);
                List<Box> found = new ArrayList<>();
                find(big, x0, y0, (x1 - x0) / (double) big.cols(), (y1 - y0) / (double) big.rows(), fw, fh, 1.1, found);
                // The margin around the blob is context, not a place to look: a person found there is an artefact.
                for (Box b : found) {
                    if (Math.abs(b.centerX() - blob.centerX()) <= blob.w() * 0.6
                            && Math.abs(b.centerY() - blob.centerY()) <= blob.h() * 0.6) {
                        raw.add(b);
                    }
                }
            }
        }
        return Nms.suppress(raw, 0.35);
    }

    /** Runs HOG on img and adds its people as normalised boxes of the fw x fh frame (frame px = off + img px * f). */
    private void find(Mat img, double offX, double offY, double fx, double fy, double fw, double fh, double pyramid,
                      List<Box> out) {
        try (RectVector found = new RectVector(); DoublePointer w = new DoublePointer()) {
            // finalThreshold 1: OpenCV groups overlapping windows needing 2+ hits; our NMS cleans up the rest.
            hog.detectMultiScale(img, found, w, hitThreshold, winStride, padding, pyramid, 1.0, false);
            long n = found.size();
            for (long i = 0; i < n; i++) {
                Rect r = found.get(i);
                double score = i < w.limit() ? w.get(i) : 0.5;
                // The 64x128 window has a margin around the person: keep the central 60% x 82%.
                double x = Math.max(0, r.x() + 0.2 * r.width());
                double y = Math.max(0, r.y() + 0.09 * r.height());
                double bw = Math.min(img.cols() - x, 0.6 * r.width());
                double bh = Math.min(img.rows() - y, 0.82 * r.height());
                // SVM margins are roughly 0..3; squash into a 0..1 confidence.
                double conf = 1 - Math.exp(-Math.max(0, score + 0.5));
                out.add(new Box((offX + x * fx) / fw, (offY + y * fy) / fh, bw * fx / fw, bh * fy / fh, conf));
            }
        }
    }

    @Override
    public void close() {
        hog.close();
        winStride.close();
        padding.close();
    }
}
