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
    /** OpenCV's pyramid depth: as many levels as the image allows. */
    private static final int DEFAULT_LEVELS = HOGDescriptor.DEFAULT_NLEVELS;
    /** HOG's 128-px window holds a person about this tall (see the central crop in find). */
    private static final double WINDOW_PERSON_PX = 105;
    /**
     * Region crops of people at least the window's size scan coarser levels than the whole frame (their height
     * range is already narrow, and big people are found across a wider scale step); enlarged crops of small
     * people keep the fine step, because small, blurred figures are found only near their exact scale.
     */
    private static final double REGION_PYRAMID = 1.1;
    private static final double SMALL_REGION_PYRAMID = 1.05;
    /** Region people shorter than this (analysed-frame pixels) are beyond HOG even enlarged 3x. */
    private static final double MIN_REGION_PX = 36;
    /** Crops merge only when tallest / shortest stays within this (about 10 pyramid levels at 1.1). */
    private static final double MAX_HEIGHT_SPAN = 2.5;

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
                    scale, hitThreshold, DEFAULT_LEVELS, true, raw);
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
                find(big, x0, y0, (x1 - x0) / (double) big.cols(), (y1 - y0) / (double) big.rows(), fw, fh, 1.1,
                        hitThreshold, DEFAULT_LEVELS, true, found);
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

    /**
     * Looks only inside the regions: each is cropped with room for HOG's window around a person, scaled so that the
     * shortest person it allows fills the window, and scanned over the few pyramid levels up to the tallest (the
     * crop's height bounds them). Overlapping crops are merged so nobody is scanned twice. A person costs a few ms
     * instead of the whole frame's tens; when the crops would cost more than the whole frame (pixels scanned over
     * their pyramid levels), the frame is scanned whole instead.
     */
    @Override
    public List<Box> detectIn(Mat bgr, List<SearchRegion> regions) {
        List<Box> found = scan(bgr, regions, hitThreshold, false);
        return found == null ? detect(bgr, List.of()) : found;
    }

    /**
     * A second, more lenient look behind people standing in a group ({@link HiddenPeople} says where and which finds
     * count): someone standing behind another person shows only a head, shoulders and a stripe of body, so the
     * pedestrian model's score for them falls below the whole-frame threshold, typically by about half a unit.
     */
    @Override
    public List<Box> detectBehind(Mat bgr, List<Box> standing, List<Box> seen) {
        if (bgr.empty() || standing.isEmpty()) {
            return List.of();
        }
        double aspect = bgr.cols() / (double) bgr.rows();
        List<Box> found = scan(bgr, HiddenPeople.regionsBehind(standing, aspect), hitThreshold - HiddenPeople.LENIENCY,
                true);
        // Crops dearer than a whole-frame look: skip, as a lenient look at the whole frame would be slow and noisy.
        return found == null ? List.of() : HiddenPeople.keepHidden(found, standing, seen, aspect);
    }

    /**
     * People in the regions' crops at the given SVM threshold; null when the crops would cost more than the frame.
     * {@code onlyTheirHeights} (the look behind) scans only the pyramid levels of the regions' height range (the
     * first look goes on to the crop's height: a region's range is a guess there, and taller people in it are still
     * people) and leaves overlapping finds for the caller to sort out.
     */
    private List<Box> scan(Mat bgr, List<SearchRegion> regions, double threshold, boolean onlyTheirHeights) {
        if (bgr.empty() || regions.isEmpty()) {
            return List.of();
        }
        double fw = bgr.cols();
        double fh = bgr.rows();
        List<Crop> crops = new ArrayList<>();
        for (SearchRegion r : regions) {
            Crop c = Crop.around(r, fw, fh, MIN_REGION_PX);
            if (c != null) {
                crops.add(c);
            }
        }
        crops = Crop.merge(crops);
        // HOG's cost is the pixels it scans over all pyramid levels; the whole frame's look is the ceiling.
        double cost = crops.stream().mapToDouble(c -> scanCost(c.area() * c.upscale() * c.upscale(),
                (c.y1() - c.y0()) * c.upscale(), c.pyramid(onlyTheirHeights), c.levels(onlyTheirHeights))).sum();
        double whole = scanCost(fw * fh, fh, scale, DEFAULT_LEVELS);
        if (cost > whole) {
            return null;
        }
        List<Box> raw = new ArrayList<>();
        for (Crop c : crops) {
            double up = c.upscale();
            int w = (int) Math.round((c.x1() - c.x0()) * up);
            int h = (int) Math.round((c.y1() - c.y0()) * up);
            if (w < 64 || h < 128) {
                continue; // too small to hold HOG's window even at the shortest height: nobody to find here
            }
            try (Rect r = new Rect((int) c.x0(), (int) c.y0(), (int) (c.x1() - c.x0()), (int) (c.y1() - c.y0()));
                 Mat roi = new Mat(bgr, r); Mat scaled = new Mat(); Size size = new Size(w, h)) {
                resize(roi, scaled, size, 0, 0, up < 1 ? INTER_AREA : INTER_LINEAR);
                find(scaled, r.x(), r.y(), r.width() / (double) w, r.height() / (double) h, fw, fh,
                        c.pyramid(onlyTheirHeights), threshold, c.levels(onlyTheirHeights), !onlyTheirHeights, raw);
            }
        }
        // The look behind keeps every window: a person directly behind another lies mostly inside their box, which
        // the usual suppression would take for a second box on the front person (HiddenPeople sorts them out).
        return onlyTheirHeights ? raw : Nms.suppress(raw, 0.35);
    }

    /** A crop of the frame in pixels and the person heights (pixels) to look for in it. */
    private record Crop(double x0, double y0, double x1, double y1, double minH, double maxH) {
        /** Room for HOG's 64x128 window around a person of the region's tallest height, clipped to the frame. */
        static Crop around(SearchRegion r, double fw, double fh, double minPx) {
            double maxH = r.maxHeight() * fh;
            if (maxH < minPx) {
                return null;
            }
            double minH = Math.max(minPx, r.minHeight() * fh);
            double cw = r.area().w() * fw + 0.7 * maxH;
            double ch = Math.max(r.area().h() * fh, maxH) + 0.3 * maxH;
            double cx = r.area().centerX() * fw;
            double cy = r.area().centerY() * fh;
            return new Crop(Math.max(0, Math.floor(cx - cw / 2)), Math.max(0, Math.floor(cy - ch / 2)),
                    Math.min(fw, Math.ceil(cx + cw / 2)), Math.min(fh, Math.ceil(cy + ch / 2)), minH, maxH);
        }

        /** The enlargement that makes the shortest person fill HOG's window. */
        double upscale() {
            return Math.max(0.25, Math.min(MAX_UPSCALE, WINDOW_PERSON_PX / minH));
        }

        /** The pyramid step; a look at only the regions' heights takes the coarse one (it is a second look). */
        double pyramid(boolean onlyTheirHeights) {
            return upscale() > 1 && !onlyTheirHeights ? SMALL_REGION_PYRAMID : REGION_PYRAMID;
        }

        /** All levels the crop allows, or only those from the shortest person's scale to the tallest's. */
        int levels(boolean onlyTheirHeights) {
            return onlyTheirHeights
                    ? 1 + (int) Math.ceil(Math.log(maxH / minH) / Math.log(pyramid(true)) - 1e-9) : DEFAULT_LEVELS;
        }

        double area() {
            return (x1 - x0) * (y1 - y0);
        }

        /**
         * Unions crops that overlap by a quarter of the smaller one and look for similar heights, until none do
         * (a crop for far, small people merged into one for near, tall ones would be scanned at the small people's
         * enlargement over the whole union: many times the cost of both).
         */
        static List<Crop> merge(List<Crop> crops) {
            List<Crop> out = new ArrayList<>(crops);
            boolean merged = true;
            while (merged) {
                merged = false;
                outer:
                for (int i = 0; i < out.size(); i++) {
                    for (int j = i + 1; j < out.size(); j++) {
                        Crop a = out.get(i);
                        Crop b = out.get(j);
                        double ix = Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
                        double iy = Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
                        boolean similar = Math.max(a.maxH, b.maxH) <= MAX_HEIGHT_SPAN * Math.min(a.minH, b.minH);
                        if (similar && ix * iy > 0.25 * Math.min(a.area(), b.area())) {
                            out.set(i, new Crop(Math.min(a.x0, b.x0), Math.min(a.y0, b.y0), Math.max(a.x1, b.x1),
                                    Math.max(a.y1, b.y1), Math.min(a.minH, b.minH), Math.max(a.maxH, b.maxH)));
                            out.remove(j);
                            merged = true;
                            break outer;
                        }
                    }
                }
            }
            return out;
        }
    }

    /** Pixels HOG scans in an image of {@code pixels} pixels and {@code height} rows: each level until 128 rows. */
    private static double scanCost(double pixels, double height, double step, int levels) {
        double sum = 0;
        int level = 0;
        for (double s = 1; height / s >= 128 && level < levels; s *= step, level++) {
            sum += pixels / (s * s);
        }
        return sum;
    }

    /** Runs HOG on img and adds its people as normalised boxes of the fw x fh frame (frame px = off + img px * f). */
    private void find(Mat img, double offX, double offY, double fx, double fy, double fw, double fh, double pyramid,
                      double threshold, int levels, boolean grouped, List<Box> out) {
        try (RectVector found = new RectVector(); DoublePointer w = new DoublePointer()) {
            hog.nlevels(levels);
            // finalThreshold 1: OpenCV groups overlapping windows needing 2+ hits; our NMS cleans up the rest.
            // The look behind takes every window (grouping would average a person behind into the one in front).
            hog.detectMultiScale(img, found, w, threshold, winStride, padding, pyramid, grouped ? 1.0 : 0, false);
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
