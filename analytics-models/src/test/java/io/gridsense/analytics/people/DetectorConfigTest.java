package io.gridsense.analytics.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import io.gridsense.analytics.CameraPipeline;
import io.gridsense.analytics.rules.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorConfigTest {
    @TempDir
    Path dir;

    @Test
    void noKeysMeansHogAndOnnxNeedsAModel() {
        assertThat(DetectorConfig.fromKeys(Map.of()).kind()).isEqualTo(DetectorConfig.Kind.HOG);
        assertThat(DetectorConfig.fromKeys(Map.of("detector", "Cascade", "detector.upperBody", "false")))
                .isEqualTo(DetectorConfig.cascade(null, false));
        assertThatThrownBy(() -> DetectorConfig.fromKeys(Map.of("detector", "onnx")))
                .hasMessageContaining("detector.onnx.model");
        assertThatThrownBy(() -> DetectorConfig.fromKeys(Map.of("detector", "yolo")))
                .hasMessageContaining("hog, cascade or onnx");
    }

    @Test
    void aPipelineRunsOnAConfiguredOnnxModel() throws Exception {
        Path model = dir.resolve("tiny.onnx");
        Files.write(model, OnnxPersonDetectorTest.yoloModel(false));
        DetectorConfig c = DetectorConfig.fromKeys(Map.of("detector", "onnx", "detector.onnx.model", model.toString(),
                "detector.onnx.inputSize", "64x64", "detector.onnx.classes", "3", "detector.onnx.personClass", "2",
                "detector.onnx.scoreThreshold", "0.5"));
        assertThat(c.onnx().inputWidth()).isEqualTo(64);
        try (CameraPipeline p = CameraPipeline.create(RuleSet.defaults(), c);
             Mat frame = new Mat(360, 640, CV_8UC3, new Scalar(40, 40, 40, 0))) {
            Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < 10; i++) {
                p.analyse(frame, t0.plusMillis(200L * i));
            }
            assertThat(p.framesAnalysed()).isEqualTo(10);
        }
    }
}
