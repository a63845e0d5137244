package io.gridsense.analytics.scene;

import static org.bytedeco.opencv.global.opencv_core.CV_16SC3;
import static org.bytedeco.opencv.global.opencv_core.CV_64FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.RNG;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The static street/plaza behind the people: a building front with windows, perspective paving with some
 * texture, and a few street objects kept to the sides. Rendered once per clip; the caller owns the Mat.
 */
final class Backdrop {
    private Backdrop() {
    }

    static Mat render(int width, int height, long seed) {
        Random rnd = new Random(seed ^ 0x5eedL);
        Mat m = new Mat(height, width, CV_8UC3);
        try (PointerScope scope = new PointerScope()) {
            double sx = width / 640.0;
            double sy = height / 360.0;
            Canvas c = new Canvas(m);
            int horizon = (int) Math.round(105 * sy);
            // Building front.
            int[] wall = {150 + rnd.nextInt(20), 175 + rnd.nextInt(20), 195 + rnd.nextInt(20)};
            c.rect(0, 0, width, horizon, wall);
            for (double wx = 20 * sx; wx < width - 40 * sx; wx += 70 * sx) {
                for (double wy = 10 * sy; wy < horizon - 35 * sy; wy += 42 * sy) {
                    c.rect(wx - 2 * sx, wy - 2 * sy, 44 * sx, 30 * sy, Canvas.shade(wall, 0.7));
                    c.rect(wx, wy, 40 * sx, 26 * sy, new int[] {110 + rnd.nextInt(30), 95, 80});
                }
            }
            c.rect(0, horizon - 6 * sy, width, 6 * sy, Canvas.shade(wall, 0.6));
            // Paving: a light grey plaza with perspective tile joints.
            c.rect(0, horizon, width, height - horizon, new int[] {168, 172, 176});
            double vx = width / 2.0;
            double vy = -260 * sy;
            int[] joint = {140, 144, 148};
            for (int i = -20; i <= 20; i++) {
                double bx = vx + i * 70 * sx;
                double t = (horizon - vy) / (height - vy);
                c.line(vx + (bx - vx) * t, horizon, bx, height, 1, joint);
            }
            for (double y = horizon + 8 * sy, step = 10 * sy; y < height; y += step, step *= 1.25) {
                c.line(0, y, width, y, 1, joint);
            }
            // A bench on the left, planters on both sides, a bin: low objects, nothing person-shaped.
            c.rect(22 * sx, 215 * sy, 90 * sx, 10 * sy, new int[] {40, 70, 110});
            c.rect(22 * sx, 195 * sy, 90 * sx, 8 * sy, new int[] {40, 70, 110});
            c.rect(28 * sx, 225 * sy, 6 * sx, 16 * sy, new int[] {50, 50, 50});
            c.rect(100 * sx, 225 * sy, 6 * sx, 16 * sy, new int[] {50, 50, 50});
            for (double px : new double[] {575 * sx, 150 * sx}) {
                double py = px > width / 2.0 ? 150 * sy : 118 * sy;
                c.rect(px - 25 * sx, py, 50 * sx, 22 * sy, new int[] {90, 100, 110});
                c.ellipseFill(px, py - 4 * sy, 30 * sx, 14 * sy, 0, new int[] {50, 120, 60});
                c.ellipseFill(px - 8 * sx, py - 8 * sy, 16 * sx, 9 * sy, 0, new int[] {70, 150, 80});
            }
            c.rect(600 * sx, 300 * sy, 22 * sx, 30 * sy, new int[] {60, 90, 60});
            // Texture: low-amplitude blurred noise so the plaza is not a flat colour.
            Mat noise = new Mat(height, width, CV_16SC3);
            new RNG(Long.hashCode(seed ^ 0x7e27L))._fill(noise, RNG.NORMAL, new Mat(1, 1, CV_64FC1, new Scalar(0.0)),
                    new Mat(1, 1, CV_64FC1, new Scalar(7.0)));
            GaussianBlur(noise, noise, new Size(5, 5), 0);
            add(m, noise, m, new Mat(), CV_8UC3);
        }
        return m;
    }
}
