package io.gridsense.agent.evidence;

import io.gridsense.analytics.Point;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/** Encodes frames as JPEG: evidence snapshots with the alert region drawn, and small live tiles. */
public final class JpegSnapshots {

    private JpegSnapshots() {
    }

    /** The frame with the normalised region outlined in red, as JPEG bytes. */
    public static byte[] evidence(Mat frame, List<Point> region) {
        try (Mat copy = frame.clone()) {
            int w = copy.cols();
            int h = copy.rows();
            for (int i = 0; i < region.size(); i++) {
                Point a = region.get(i);
                Point b = region.get((i + 1) % region.size());
                opencv_imgproc.line(copy,
                        new org.bytedeco.opencv.opencv_core.Point((int) (a.x() * w), (int) (a.y() * h)),
                        new org.bytedeco.opencv.opencv_core.Point((int) (b.x() * w), (int) (b.y() * h)),
                        new Scalar(0, 0, 255, 0), Math.max(2, w / 320), opencv_imgproc.LINE_AA, 0);
            }
            return encode(copy, 85);
        }
    }

    /** A tile at most {@code maxWidth} wide for the command-centre wall. */
    public static byte[] tile(Mat frame, int maxWidth) {
        if (frame.cols() <= maxWidth) {
            return encode(frame, 70);
        }
        int h = (int) Math.round(frame.rows() * (maxWidth / (double) frame.cols()));
        try (Mat small = new Mat(); Size size = new Size(maxWidth, h)) {
            opencv_imgproc.resize(frame, small, size, 0, 0, opencv_imgproc.INTER_AREA);
            return encode(small, 70);
        }
    }

    private static byte[] encode(Mat mat, int quality) {
        try (BytePointer buf = new BytePointer();
             IntPointer params = new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, quality)) {
            if (!opencv_imgcodecs.imencode(".jpg", mat, buf, params)) {
                throw new IllegalStateException("JPEG encoding failed for a " + mat.cols() + "x" + mat.rows() + " frame");
            }
            byte[] out = new byte[(int) buf.limit()];
            buf.get(out);
            return out;
        }
    }
}
