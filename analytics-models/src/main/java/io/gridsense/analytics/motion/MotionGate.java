package io.gridsense.analytics.motion;

import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.max;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_OPEN;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_EXTERNAL;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.erode;
import static org.bytedeco.opencv.global.opencv_imgproc.findContours;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;
import static org.bytedeco.opencv.global.opencv_video.createBackgroundSubtractorMOG2;

import io.gridsense.analytics.Box;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_video.BackgroundSubtractorMOG2;

/**
 * Background subtraction (OpenCV MOG2) on a small grey copy of the frame: the share of pixels that moved and
 * the moving blobs. Cheap (a few ms), so it runs on every frame and decides whether the detector needs to.
 * Also keeps that small grey frame for the optical-flow stage.
 */
public final class MotionGate implements AutoCloseable {
    /** Width of the grey analysis frame: enough for person-sized blobs and for dense optical flow. */
    public static final int GREY_WIDTH = 320;
    /** Blobs smaller than this share of the frame are noise (leaves, compression artefacts). */
    private static final double MIN_BLOB_AREA = 0.0015;

    private static final int WARMUP_FRAMES = 20;

    /** Grey levels a pixel must change by between two frames to count as changed (above compression noise). */
    private static final double CHANGE_LEVELS = 20;

    private final BackgroundSubtractorMOG2 mog2;
    private long frames;
    private final Mat grey = new Mat();
    private final Mat previous = new Mat();
    private final Mat fg = new Mat();
    private final Mat kernelOpen;
    private final Mat kernelDilate;
    private final Mat kernelNeighbours;

    public MotionGate() {
        // 300 frames of history (~1-2 min at 2-5 fps) adapts to lighting drift; shadows are marked 127 and dropped.
        mog2 = createBackgroundSubtractorMOG2(300, 25, true);
        try (Size open = new Size(3, 3); Size grow = new Size(13, 13)) {
            kernelOpen = getStructuringElement(MORPH_ELLIPSE, open);
            kernelDilate = getStructuringElement(MORPH_ELLIPSE, grow);
        }
        try (Size neighbours = new Size(3, 3)) {
            kernelNeighbours = getStructuringElement(MORPH_RECT, neighbours);
        }
    }

    /** Updates the background model with the frame and returns what moved. */
    public Motion update(Mat bgr) {
        grey.copyTo(previous);
        greyOf(bgr, grey);
        int w = grey.cols();
        int h = grey.rows();
        // MOG2's automatic rate (1/frames) absorbs movers into the background for its first few frames, so a camera
        // (or a short clip) would see no motion for ~1 s; a fixed rate until it falls below that removes the blind spot.
        mog2.apply(grey, fg, frames < WARMUP_FRAMES ? 1.0 / WARMUP_FRAMES : -1);
        frames++;
        threshold(fg, fg, 200, 255, THRESH_BINARY);
        morphologyEx(fg, fg, MORPH_OPEN, kernelOpen);
        double fraction = countNonZero(fg) / (double) (w * h);
        List<Box> boxes = new ArrayList<>();
        if (fraction > 0) {
            try (Mat blobs = new Mat(); MatVector contours = new MatVector(); Mat hierarchy = new Mat()) {
                // Dilate so that the limbs and torso of one person join into one blob.
                dilate(fg, blobs, kernelDilate);
                findContours(blobs, contours, hierarchy, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE);
                for (long i = 0; i < contours.size(); i++) {
                    try (Mat c = contours.get(i); Rect r = boundingRect(c)) {
                        double bw = r.width() / (double) w;
                        double bh = r.height() / (double) h;
                        if (bw * bh >= MIN_BLOB_AREA) {
                            boxes.add(new Box(r.x() / (double) w, r.y() / (double) h, bw, bh, 1));
                        }
                    }
                }
            }
        }
        return new Motion(fraction, boxes);
    }

    /** Makes the blurred grey frame (GREY_WIDTH wide) of a BGR frame into {@code out}, as {@link #update} does. */
    public static void greyOf(Mat bgr, Mat out) {
        int w = GREY_WIDTH;
        int h = Math.max(1, (int) Math.round(bgr.rows() * (double) w / bgr.cols()));
        try (Mat small = new Mat(); Size size = new Size(w, h); Size blur = new Size(5, 5)) {
            resize(bgr, small, size, 0, 0, INTER_AREA);
            cvtColor(small, out, COLOR_BGR2GRAY);
            GaussianBlur(out, out, blur, 0);
        }
    }

    /**
     * The share of the box's pixels that changed between the last two updates. Unlike the background model, which
     * keeps someone who stopped moving in the foreground for a minute, this tells a person standing still from one
     * moving on the spot (fighting, playing); 0 before the second update.
     */
    public double changedIn(Box box) {
        if (previous.empty() || previous.cols() != grey.cols() || previous.rows() != grey.rows()) {
            return 0;
        }
        int w = grey.cols();
        int h = grey.rows();
        int x0 = Math.max(0, (int) Math.floor(box.x() * w));
        int y0 = Math.max(0, (int) Math.floor(box.y() * h));
        int x1 = Math.min(w, (int) Math.ceil((box.x() + box.w()) * w));
        int y1 = Math.min(h, (int) Math.ceil((box.y() + box.h()) * h));
        if (x1 <= x0 || y1 <= y0) {
            return 0;
        }
        try (Rect r = new Rect(x0, y0, x1 - x0, y1 - y0); Mat now = new Mat(grey, r); Mat before = new Mat(previous, r);
             Mat brightest = new Mat(); Mat darkest = new Mat(); Mat lighter = new Mat(); Mat darker = new Mat()) {
            // A pixel changed if it left the range of its neighbourhood in the frame before: a camera that shakes by
            // a pixel or two (here one; this frame is half size) moves every edge in a box, a limb moves further.
            dilate(before, brightest, kernelNeighbours);
            erode(before, darkest, kernelNeighbours);
            subtract(now, brightest, lighter);
            subtract(darkest, now, darker);
            max(lighter, darker, lighter);
            threshold(lighter, lighter, CHANGE_LEVELS, 255, THRESH_BINARY);
            return countNonZero(lighter) / (double) ((x1 - x0) * (y1 - y0));
        }
    }

    /** The blurred grey frame of the last {@link #update}, GREY_WIDTH wide; owned by the gate, valid until the next. */
    public Mat grey() {
        return grey;
    }

    @Override
    public void close() {
        mog2.close();
        grey.close();
        previous.close();
        fg.close();
        kernelOpen.close();
        kernelDilate.close();
        kernelNeighbours.close();
    }
}
