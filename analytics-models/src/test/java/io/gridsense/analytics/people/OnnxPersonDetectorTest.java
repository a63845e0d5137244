package io.gridsense.analytics.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import io.gridsense.analytics.Box;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX detector on a model the test writes itself: a 64x64 input, a 16x16-stride Conv whose fixed weights make
 * each 16-px cell's person score the cell's mean red (the score of another class its mean green), a Reshape to
 * [1, attrs, 16], an Add of a constant grid that puts a 12x14 box at each cell's centre, and for the v5 layout an
 * objectness of 0.9 and a Transpose to [1, 16, attrs]. So the boxes it must return follow from the image.
 */
class OnnxPersonDetectorTest {
    private static final int CLASSES = 3;
    /** Not 0, to show the class index is honoured. */
    private static final int PERSON = 2;
    private static final int OTHER = 1;

    @TempDir
    Path dir;

    static byte[] yoloModel(boolean v5) {
        int attrs = (v5 ? 5 : 4) + CLASSES;
        int first = v5 ? 5 : 4;
        float[] w = new float[attrs * 3 * 16 * 16];
        float[] b = new float[attrs];
        for (int k = 0; k < 256; k++) {
            // Blob channels are R, G, B (the detector swaps BGR); each pixel is /255, so the mean is in 0..1.
            w[((first + PERSON) * 3 + 0) * 256 + k] = 1f / 256;
            w[((first + OTHER) * 3 + 1) * 256 + k] = 1f / 256;
        }
        if (v5) {
            b[4] = 0.9f;
        }
        float[] grid = new float[attrs * 16];
        for (int cell = 0; cell < 16; cell++) {
            grid[cell] = 8 + 16 * (cell % 4);
            grid[16 + cell] = 8 + 16 * (cell / 4);
            grid[32 + cell] = 12;
            grid[48 + cell] = 14;
        }
        List<TinyOnnx.Msg> nodes = new java.util.ArrayList<>(List.of(
                TinyOnnx.node("Conv", "conv", new String[] {"images", "W", "B"}, new String[] {"feat"},
                        TinyOnnx.ints("kernel_shape", 16, 16), TinyOnnx.ints("strides", 16, 16)),
                TinyOnnx.node("Reshape", "flat", new String[] {"feat", "shape"}, new String[] {"flat"}),
                TinyOnnx.node("Add", "place", new String[] {"flat", "grid"}, new String[] {v5 ? "rows" : "output"})));
        if (v5) {
            nodes.add(TinyOnnx.node("Transpose", "t", new String[] {"rows"}, new String[] {"output"},
                    TinyOnnx.ints("perm", 0, 2, 1)));
        }
        TinyOnnx.Msg[] init = {
            TinyOnnx.floatTensor("W", new long[] {attrs, 3, 16, 16}, w),
            TinyOnnx.floatTensor("B", new long[] {attrs}, b),
            TinyOnnx.int64Tensor("shape", new long[] {1, attrs, 16}),
            TinyOnnx.floatTensor("grid", new long[] {1, attrs, 16}, grid)};
        return TinyOnnx.model(nodes.toArray(TinyOnnx.Msg[]::new), init, TinyOnnx.floatValue("images", 1, 3, 64, 64),
                v5 ? TinyOnnx.floatValue("output", 1, 16, attrs) : TinyOnnx.floatValue("output", 1, attrs, 16));
    }

    /**
     * A black 128x64 frame (letterboxed to 64x32 with 16 grey rows above and below): pure red on the input cell at
     * row 1, column 2; red 178 on row 2, column 0; pure green (another class) on row 2, column 3.
     */
    private static Mat frame() {
        Mat m = new Mat(64, 128, CV_8UC3, new Scalar(0, 0, 0, 0));
        paint(m, 64, 0, new Scalar(0, 0, 255, 0));
        paint(m, 0, 32, new Scalar(0, 0, 178, 0));
        paint(m, 96, 32, new Scalar(0, 255, 0, 0));
        return m;
    }

    private static void paint(Mat m, int x, int y, Scalar bgr) {
        try (Rect r = new Rect(x, y, 32, 32); Mat roi = new Mat(m, r)) {
            roi.put(bgr);
        }
    }

    private List<Box> detect(boolean v5) throws Exception {
        Path model = dir.resolve(v5 ? "v5.onnx" : "v8.onnx");
        Files.write(model, yoloModel(v5));
        var settings = new OnnxPersonDetector.Settings(model, 64, 64, 0.5, 0.45, PERSON, CLASSES);
        try (OnnxPersonDetector d = new OnnxPersonDetector(settings); Mat f = frame()) {
            return d.detect(f).stream().sorted(Comparator.comparingDouble(Box::x)).toList();
        }
    }

    @Test
    void decodesV8LayoutBoxesAndPersonScoresThatTheWeightsImply() throws Exception {
        List<Box> boxes = detect(false);
        // Grey padding (person score 114/255 = 0.45) and the green cell stay under the 0.5 threshold.
        assertThat(boxes).hasSize(2);
        // Row 2, column 0: input box 2..14 x 33..47 -> frame x 4..28 of 128, y (33-16)*2 = 34..62 of 64.
        assertBox(boxes.get(0), 4 / 128.0, 34 / 64.0, 24 / 128.0, 28 / 64.0, 178 / 255.0);
        // Row 1, column 2: input box 34..46 x 17..31 -> frame x 68..92, y 2..30.
        assertBox(boxes.get(1), 68 / 128.0, 2 / 64.0, 24 / 128.0, 28 / 64.0, 1.0);
    }

    @Test
    void decodesV5LayoutWithObjectness() throws Exception {
        List<Box> boxes = detect(true);
        assertThat(boxes).hasSize(2);
        assertBox(boxes.get(0), 4 / 128.0, 34 / 64.0, 24 / 128.0, 28 / 64.0, 0.9 * 178 / 255.0);
        assertBox(boxes.get(1), 68 / 128.0, 2 / 64.0, 24 / 128.0, 28 / 64.0, 0.9);
    }

    @Test
    void sensitivityMovesTheThreshold() throws Exception {
        Path model = dir.resolve("v8.onnx");
        Files.write(model, yoloModel(false));
        var settings = new OnnxPersonDetector.Settings(model, 64, 64, 0.5, 0.45, PERSON, CLASSES);
        try (OnnxPersonDetector d = new OnnxPersonDetector(settings); Mat f = frame()) {
            d.setSensitivity(0.0);
            // Threshold 0.7: only the pure red cell.
            assertThat(d.detect(f)).hasSize(1);
            d.setSensitivity(0.9);
            // Threshold 0.34: the grey letterbox cells (0.45) now pass, but their boxes lie wholly in the padding
            // and are dropped when mapped back to the frame: still the two red cells.
            assertThat(d.detect(f)).hasSize(2);
        }
    }

    @Test
    void aMissingModelOrAWrongClassCountIsAClearError() throws Exception {
        Path missing = dir.resolve("nope.onnx");
        assertThatThrownBy(() -> new OnnxPersonDetector(OnnxPersonDetector.Settings.coco(missing)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
        Path model = dir.resolve("v8.onnx");
        Files.write(model, yoloModel(false));
        try (OnnxPersonDetector d = new OnnxPersonDetector(OnnxPersonDetector.Settings.coco(model).withInput(64, 64));
             Mat f = frame()) {
            assertThatThrownBy(() -> d.detect(f)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("check 'classes'");
        }
    }

    private static void assertBox(Box b, double x, double y, double w, double h, double score) {
        assertThat(b.x()).isCloseTo(x, within(1e-3));
        assertThat(b.y()).isCloseTo(y, within(1e-3));
        assertThat(b.w()).isCloseTo(w, within(1e-3));
        assertThat(b.h()).isCloseTo(h, within(1e-3));
        assertThat(b.score()).isCloseTo(score, within(2e-3));
    }
}
