package io.gridsense.analytics.scene;

import static org.bytedeco.opencv.global.opencv_core.CV_16SC3;
import static org.bytedeco.opencv.global.opencv_core.CV_64FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.blendLinear;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import io.gridsense.analytics.Box;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.RNG;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Renders the frames of one {@link DemoScene} at any time t, and says where the people are (ground truth for
 * detection-rate checks). Deterministic for a seed: a frame depends only on the seed and t, whichever thread
 * renders it and in whatever order (OpenCV's shared random generator would make every generation differ).
 */
public final class SceneRenderer implements AutoCloseable {
    private final int width;
    private final int height;
    private final double length;
    private final Mat backdrop;
    private final List<Actor> actors;
    private final Look look;
    private final long seed;

    public SceneRenderer(DemoScene scene, long seed, int width, int height, Duration length) {
        this(SceneScript.build(scene, seed, length.toMillis() / 1000.0), Look.plain(scene), seed, width, height,
                length);
    }

    /** A renderer for scripted actors filmed with {@code look} (the generated evaluation scenes). */
    SceneRenderer(List<Actor> actors, Look look, long seed, int width, int height, Duration length) {
        this.width = width;
        this.height = height;
        this.length = length.toMillis() / 1000.0;
        this.backdrop = Backdrop.render(width, height, seed);
        this.actors = actors;
        this.look = look;
        this.seed = seed;
    }

    /** Draws the frame at t seconds into out (reallocated to width x height BGR if needed). */
    public void render(double t, Mat out) {
        backdrop.copyTo(out);
        try (PointerScope scope = new PointerScope()) {
            List<Object[]> posed = new ArrayList<>();
            for (Actor a : actors) {
                Pose p = a.pose(t, width / 640.0, height / 360.0);
                if (p != null) {
                    posed.add(new Object[] {a, p});
                }
            }
            posed.sort(Comparator.comparingDouble(o -> ((Pose) o[1]).footY()));
            for (Object[] o : posed) {
                shadow(out, (Pose) o[1]);
            }
            Canvas c = new Canvas(out);
            for (Object[] o : posed) {
                ((Actor) o[0]).figure.draw(c, (Pose) o[1]);
            }
            if (look.occluderX() >= 0) {
                // A pillar nearer than everyone: people walking behind it vanish for a moment.
                double sx = width / 640.0;
                c.rect(look.occluderX() * sx, 0, look.occluderWidth() * sx, height, new int[] {95, 100, 105});
                c.rect((look.occluderX() + look.occluderWidth() * 0.65) * sx, 0, look.occluderWidth() * 0.35 * sx,
                        height, new int[] {70, 74, 78});
            }
            double[] shake = look.shake(t);
            if (shake[0] != 0 || shake[1] != 0) {
                Mat m = new Mat(2, 3, CV_64FC1);
                try (DoubleIndexer ix = m.createIndexer()) {
                    ix.put(0, 0, 1, 0, shake[0] * width / 640.0);
                    ix.put(1, 0, 0, 1, shake[1] * height / 360.0);
                }
                Mat moved = new Mat();
                warpAffine(out, moved, m, out.size(), INTER_LINEAR, BORDER_REFLECT, new Scalar());
                moved.copyTo(out);
            }
            // Lighting drift (clouds) or a sudden change, and sensor noise: the background is never perfectly still.
            out.convertTo(out, -1, look.gain(t, length), 0);
            Mat noise = new Mat(height, width, CV_16SC3);
            RNG rng = new RNG(Long.hashCode(seed * 1_000_003L + Math.round(t * 1000)));
            rng._fill(noise, RNG.NORMAL, new Mat(1, 1, CV_64FC1, new Scalar(0.0)),
                    new Mat(1, 1, CV_64FC1, new Scalar(look.noiseSigma())));
            add(out, noise, out, new Mat(), CV_8UC3);
            if (look.jpegQuality() > 0) {
                // Blocky compression artefacts of a cheap camera, on top of the MP4 encoder's own.
                BytePointer buf = new BytePointer();
                imencode(".jpg", out, buf, new IntPointer(IMWRITE_JPEG_QUALITY, look.jpegQuality()));
                Mat decoded = imdecode(new Mat(1, (int) buf.limit(), CV_8UC1, buf), IMREAD_COLOR);
                decoded.copyTo(out);
            }
        }
    }

    /** The normalised boxes of the people fully inside the frame at t. */
    public List<Box> truth(double t) {
        List<Box> boxes = new ArrayList<>();
        for (Actor a : actors) {
            Pose p = a.pose(t, width / 640.0, height / 360.0);
            if (p == null) {
                continue;
            }
            double[] b = Figure.bounds(p);
            if (b[0] >= 0 && b[1] >= 0 && b[0] + b[2] <= width && b[1] + b[3] <= height) {
                boxes.add(new Box(b[0] / width, b[1] / height, b[2] / width, b[3] / height, 1));
            }
        }
        return boxes;
    }

    /** A soft, blurred ellipse of shade under the feet. */
    private void shadow(Mat frame, Pose p) {
        double h = p.height();
        int rx = (int) Math.ceil(0.2 * h);
        int ry = (int) Math.ceil(0.05 * h);
        int x0 = (int) Math.max(0, p.x() - rx - 6);
        int y0 = (int) Math.max(0, p.footY() - ry - 6);
        int x1 = (int) Math.min(width, p.x() + rx + 6);
        int y1 = (int) Math.min(height, p.footY() + ry + 6);
        if (x1 - x0 < 4 || y1 - y0 < 4) {
            return;
        }
        Rect r = new Rect(x0, y0, x1 - x0, y1 - y0);
        Mat roi = frame.apply(r);
        Mat mask = new Mat(r.height(), r.width(), CV_8UC1, new Scalar(0, 0, 0, 0));
        new Canvas(mask).ellipseFill(p.x() - x0 + 0.03 * h, p.footY() - y0, rx, ry, 0, new int[] {255, 255, 255});
        GaussianBlur(mask, mask, new Size(7, 7), 0);
        Mat w1 = new Mat();
        mask.convertTo(w1, CV_32FC1, 0.45 / 255, 0);
        Mat w2 = new Mat();
        w1.convertTo(w2, CV_32FC1, -1, 1);
        Mat dark = new Mat();
        roi.convertTo(dark, -1, 0.45, 0);
        blendLinear(dark, roi, w1, w2, roi);
    }

    @Override
    public void close() {
        backdrop.close();
    }
}
