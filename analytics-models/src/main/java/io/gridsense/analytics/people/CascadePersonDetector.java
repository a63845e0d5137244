package io.gridsense.analytics.people;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.gridsense.analytics.Box;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * People from OpenCV's Haar body cascades (Debian package {@code opencv-data}): the full-body cascade, and
 * optionally the upper-body one for people whose legs are hidden (a crowd, a counter). No downloaded weights;
 * cheaper than HOG on a small frame but less precise. The cascade files' location is configurable.
 */
public final class CascadePersonDetector implements PersonDetector {
    /** Where Debian's opencv-data puts the cascades. */
    public static final Path DEBIAN_CASCADES = Path.of("/usr/share/opencv4/haarcascades");
    private static final int MAX_WIDTH = 640;
    /** An upper-body window (head and shoulders) is about this share of the person's height. */
    private static final double UPPER_SHARE = 0.4;
    /**
     * Pyramid step. 1.1 halves the scales but found 36 instead of 45 of vtest.avi's 61 hand-counted people, so 1.05
     * stays; the cost (hundreds of ms a frame at 640 px on 2 cores) is why HOG is the default.
     */
    private static final double SCALE_STEP = 1.05;

    private final CascadeClassifier fullBody;
    private final CascadeClassifier upperBody;
    private final Size minFull = new Size(24, 48);
    private final Size minUpper = new Size(30, 25);
    private final Size none = new Size();
    private volatile int minNeighbors;

    /** Full body and upper body from {@link #DEBIAN_CASCADES}. */
    public CascadePersonDetector() {
        this(DEBIAN_CASCADES.resolve("haarcascade_fullbody.xml"), DEBIAN_CASCADES.resolve("haarcascade_upperbody.xml"));
    }

    /** @param fullBody the full-body cascade XML; @param upperBody the upper-body one, or null to skip it */
    public CascadePersonDetector(Path fullBody, Path upperBody) {
        this.fullBody = load(fullBody);
        this.upperBody = upperBody == null ? null : load(upperBody);
        setSensitivity(0.5);
    }

    private static CascadeClassifier load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("cascade detector: " + file + " is missing; install the Debian package "
                    + "opencv-data (apt-get install opencv-data) or set the cascade path");
        }
        CascadeClassifier c = new CascadeClassifier(file.toString());
        if (c.empty()) {
            c.close();
            throw new IllegalArgumentException("cascade detector: OpenCV could not read a cascade from " + file);
        }
        return c;
    }

    /** Sensitivity 0..1 maps to the neighbours a detection needs, 6..1 (fewer finds more, and more ghosts). */
    @Override
    public void setSensitivity(double sensitivity) {
        double s = Math.max(0, Math.min(1, sensitivity));
        minNeighbors = (int) Math.round(6 - 5 * s);
    }

    @Override
    public List<Box> detect(Mat bgr) {
        if (bgr.empty()) {
            return List.of();
        }
        List<Box> raw = new ArrayList<>();
        try (Mat grey = new Mat()) {
            if (bgr.cols() > MAX_WIDTH) {
                try (Mat small = new Mat(); Size size = new Size(MAX_WIDTH,
                        (int) Math.round(bgr.rows() * (double) MAX_WIDTH / bgr.cols()))) {
                    resize(bgr, small, size, 0, 0, INTER_AREA);
                    cvtColor(small, grey, COLOR_BGR2GRAY);
                }
            } else {
                cvtColor(bgr, grey, COLOR_BGR2GRAY);
            }
            // The cascades were trained on contrast-normalised windows; equalising helps on flat CCTV frames.
            equalizeHist(grey, grey);
            double fw = grey.cols();
            double fh = grey.rows();
            try (RectVector found = new RectVector()) {
                fullBody.detectMultiScale(grey, found, SCALE_STEP, minNeighbors, 0, minFull, none);
                for (long i = 0; i < found.size(); i++) {
                    Rect r = found.get(i);
                    // The 14x28 window has a margin round the person: keep the central 70% x 90%.
                    raw.add(new Box((r.x() + 0.15 * r.width()) / fw, (r.y() + 0.05 * r.height()) / fh,
                            0.7 * r.width() / fw, 0.9 * r.height() / fh, 0.6));
                }
            }
            if (upperBody != null) {
                try (RectVector found = new RectVector()) {
                    upperBody.detectMultiScale(grey, found, SCALE_STEP, minNeighbors + 1, 0, minUpper, none);
                    for (long i = 0; i < found.size(); i++) {
                        Rect r = found.get(i);
                        // Head and shoulders: extend down to a whole person (clipped at the frame) so the tracker
                        // and the gathering rule get a person-sized box with a foot point.
                        double h = r.height() / UPPER_SHARE;
                        double y = r.y() + 0.05 * r.height();
                        raw.add(new Box((r.x() + 0.15 * r.width()) / fw, y / fh, 0.7 * r.width() / fw,
                                Math.min(h, fh - y) / fh, 0.5));
                    }
                }
            }
        }
        // Full-body boxes score higher, so they win where both cascades fire on one person.
        return Nms.suppress(raw, 0.35);
    }

    @Override
    public void close() {
        fullBody.close();
        if (upperBody != null) {
            upperBody.close();
        }
        minFull.close();
        minUpper.close();
        none.close();
    }
}
