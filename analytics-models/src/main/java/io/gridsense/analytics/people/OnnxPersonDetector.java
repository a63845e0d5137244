package io.gridsense.analytics.people;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromONNX;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.gridsense.analytics.Box;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_dnn.Net;

/**
 * People from a user-supplied ONNX detection model (a YOLO export, e.g. YOLOv5/v8 from Ultralytics) run by
 * OpenCV's DNN module on the CPU. Nothing is downloaded: the operator points the camera at a model file. The
 * frame is letterboxed to the model's input, and the YOLO output is decoded in either layout: [1, N, 5 + C] with an
 * objectness column (v5) or [1, 4 + C, N] without (v8); boxes are centre x/y, width, height in input pixels.
 */
public final class OnnxPersonDetector implements PersonDetector {

    /**
     * How to run and read a model: input size in pixels, the person score threshold at sensitivity 0.5, the NMS
     * IoU, the person's class index and the model's class count (80 for COCO; it tells v5 rows from v8 rows).
     */
    public record Settings(Path model, int inputWidth, int inputHeight, double scoreThreshold, double nmsIou,
                           int personClass, int classes) {
        public Settings {
            Objects.requireNonNull(model, "model");
            if (inputWidth < 8 || inputHeight < 8) {
                throw new IllegalArgumentException("onnx detector: input size must be at least 8x8");
            }
            if (scoreThreshold <= 0 || scoreThreshold >= 1 || nmsIou <= 0 || nmsIou > 1) {
                throw new IllegalArgumentException("onnx detector: scoreThreshold in (0,1), nmsIou in (0,1]");
            }
            if (classes < 1 || personClass < 0 || personClass >= classes) {
                throw new IllegalArgumentException("onnx detector: personClass " + personClass + " outside 0.."
                        + (classes - 1));
            }
        }

        /** A COCO-trained YOLO export at 640x640: person is class 0 of 80. */
        public static Settings coco(Path model) {
            return new Settings(model, 640, 640, 0.35, 0.45, 0, 80);
        }

        /** The same settings for a model exported at another input size. */
        public Settings withInput(int width, int height) {
            return new Settings(model, width, height, scoreThreshold, nmsIou, personClass, classes);
        }
    }

    /** Letterbox padding grey, as the YOLO trainers use. */
    private static final double PAD = 114;

    private final Settings settings;
    private final Net net;
    private volatile double threshold;

    public OnnxPersonDetector(Settings settings) {
        this.settings = settings;
        if (!Files.isRegularFile(settings.model())) {
            throw new IllegalArgumentException("onnx detector: model file " + settings.model() + " does not exist");
        }
        Net loaded;
        try {
            loaded = readNetFromONNX(settings.model().toString());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("onnx detector: OpenCV cannot load " + settings.model() + ": "
                    + e.getMessage(), e);
        }
        if (loaded == null || loaded.empty()) {
            throw new IllegalArgumentException("onnx detector: OpenCV loaded no network from " + settings.model());
        }
        net = loaded;
        setSensitivity(0.5);
    }

    /** Sensitivity 0..1 moves the score threshold by ±0.2 around the configured one (higher finds more). */
    @Override
    public void setSensitivity(double sensitivity) {
        double s = Math.max(0, Math.min(1, sensitivity));
        threshold = Math.max(0.05, Math.min(0.95, settings.scoreThreshold() + (0.5 - s) * 0.4));
    }

    @Override
    public List<Box> detect(Mat bgr) {
        if (bgr.empty()) {
            return List.of();
        }
        int iw = settings.inputWidth();
        int ih = settings.inputHeight();
        double scale = Math.min(iw / (double) bgr.cols(), ih / (double) bgr.rows());
        int sw = Math.max(1, (int) Math.round(bgr.cols() * scale));
        int sh = Math.max(1, (int) Math.round(bgr.rows() * scale));
        int padX = (iw - sw) / 2;
        int padY = (ih - sh) / 2;
        float[] out;
        int[] shape;
        try (Mat resized = new Mat(); Mat boxed = new Mat(); Size size = new Size(sw, sh);
             Scalar grey = new Scalar(PAD, PAD, PAD, 0); Size none = new Size(iw, ih); Scalar zero = new Scalar(0.0)) {
            resize(bgr, resized, size, 0, 0, INTER_LINEAR);
            copyMakeBorder(resized, boxed, padY, ih - sh - padY, padX, iw - sw - padX, BORDER_CONSTANT, grey);
            try (Mat blob = blobFromImage(boxed, 1 / 255.0, none, zero, true, false, CV_32F)) {
                net.setInput(blob);
                try (Mat result = net.forward()) {
                    shape = new int[result.dims()];
                    for (int i = 0; i < shape.length; i++) {
                        shape[i] = result.size(i);
                    }
                    out = new float[(int) result.total()];
                    try (FloatPointer fp = new FloatPointer(result.ptr())) {
                        fp.capacity(out.length).get(out);
                    }
                }
            }
        }
        List<Box> raw = decode(out, shape, settings, threshold);
        List<Box> boxes = new ArrayList<>(raw.size());
        for (Box b : raw) {
            // Input pixels (letterboxed) back to the frame, normalised and clipped.
            double x0 = clip((b.x() - padX) / scale / bgr.cols());
            double y0 = clip((b.y() - padY) / scale / bgr.rows());
            double x1 = clip((b.x() + b.w() - padX) / scale / bgr.cols());
            double y1 = clip((b.y() + b.h() - padY) / scale / bgr.rows());
            if (x1 > x0 && y1 > y0) {
                boxes.add(new Box(x0, y0, x1 - x0, y1 - y0, b.score()));
            }
        }
        return Nms.suppress(boxes, settings.nmsIou());
    }

    /**
     * The person boxes (input pixels, top-left corner) whose score passes {@code threshold}: the person class
     * score, times the objectness where the layout has one. Package-private for tests.
     */
    static List<Box> decode(float[] out, int[] shape, Settings s, double threshold) {
        int dims = shape.length;
        if (dims < 2 || dims > 3 || dims == 3 && shape[0] != 1) {
            throw new IllegalStateException("onnx detector: expected a [1, N, attrs] or [1, attrs, N] output, got "
                    + java.util.Arrays.toString(shape));
        }
        int a = shape[dims - 2];
        int b = shape[dims - 1];
        int v8 = 4 + s.classes();
        int v5 = 5 + s.classes();
        boolean transposed;
        boolean objectness;
        if (b == v5 || b == v8) {
            transposed = false;
            objectness = b == v5;
        } else if (a == v5 || a == v8) {
            transposed = true;
            objectness = a == v5;
        } else {
            throw new IllegalStateException("onnx detector: output " + java.util.Arrays.toString(shape)
                    + " has neither 4+" + s.classes() + " nor 5+" + s.classes() + " attributes: check 'classes'");
        }
        int attrs = transposed ? a : b;
        int n = transposed ? b : a;
        int cls = (objectness ? 5 : 4) + s.personClass();
        List<Box> found = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double score = at(out, transposed, attrs, n, i, cls);
            if (objectness) {
                score *= at(out, transposed, attrs, n, i, 4);
            }
            if (score < threshold) {
                continue;
            }
            double cx = at(out, transposed, attrs, n, i, 0);
            double cy = at(out, transposed, attrs, n, i, 1);
            double w = at(out, transposed, attrs, n, i, 2);
            double h = at(out, transposed, attrs, n, i, 3);
            if (w > 0 && h > 0) {
                found.add(new Box(cx - w / 2, cy - h / 2, w, h, Math.min(1, score)));
            }
        }
        return found;
    }

    private static double at(float[] out, boolean transposed, int attrs, int n, int row, int attr) {
        return transposed ? out[attr * n + row] : out[row * attrs + attr];
    }

    private static double clip(double v) {
        return Math.max(0, Math.min(1, v));
    }

    @Override
    public void close() {
        net.close();
    }
}
