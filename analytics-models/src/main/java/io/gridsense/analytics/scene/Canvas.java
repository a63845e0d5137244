package io.gridsense.analytics.scene;

import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;
import static org.bytedeco.opencv.global.opencv_imgproc.fillConvexPoly;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Anti-aliased drawing on a BGR Mat with sub-pixel (double) coordinates, so slowly moving figures do not
 * jitter by whole pixels. The native Point/Scalar objects it makes belong to the caller's PointerScope.
 */
final class Canvas {
    /** Fixed-point bits passed to OpenCV's drawing calls: coordinates are multiplied by 16. */
    private static final int SHIFT = 4;
    private static final double ONE = 1 << SHIFT;

    private final Mat mat;

    Canvas(Mat mat) {
        this.mat = mat;
    }

    Mat mat() {
        return mat;
    }

    static Scalar bgr(int[] c) {
        return new Scalar(c[0], c[1], c[2], 0);
    }

    static int[] shade(int[] c, double f) {
        return new int[] {clamp(c[0] * f), clamp(c[1] * f), clamp(c[2] * f)};
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static Point p(double x, double y) {
        return new Point((int) Math.round(x * ONE), (int) Math.round(y * ONE));
    }

    void line(double x1, double y1, double x2, double y2, double thickness, int[] c) {
        org.bytedeco.opencv.global.opencv_imgproc.line(mat, p(x1, y1), p(x2, y2), bgr(c),
                Math.max(1, (int) Math.round(thickness)), LINE_AA, SHIFT);
    }

    void disc(double x, double y, double r, int[] c) {
        circle(mat, p(x, y), (int) Math.round(r * ONE), bgr(c), -1, LINE_AA, SHIFT);
    }

    void ellipseFill(double x, double y, double rx, double ry, double angleDeg, int[] c) {
        ellipse(mat, p(x, y), new Size((int) Math.round(rx * ONE), (int) Math.round(ry * ONE)), angleDeg, 0, 360,
                bgr(c), -1, LINE_AA, SHIFT);
    }

    /** A filled convex polygon from x0,y0,x1,y1,... */
    void poly(int[] c, double... xy) {
        int n = xy.length / 2;
        try (Point pts = new Point(n)) {
            for (int i = 0; i < n; i++) {
                pts.position(i).x((int) Math.round(xy[2 * i] * ONE)).y((int) Math.round(xy[2 * i + 1] * ONE));
            }
            pts.position(0);
            fillConvexPoly(mat, pts, n, bgr(c), LINE_AA, SHIFT);
        }
    }

    void rect(double x, double y, double w, double h, int[] c) {
        poly(c, x, y, x + w, y, x + w, y + h, x, y + h);
    }
}
