package io.gridsense.analytics.people;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which person detector a camera's pipeline uses, and its settings: HOG (the default; no files), the opencv-data
 * body cascades (a directory), or a user-supplied ONNX model. Read from flat keys so that any config format (the
 * agent's YAML, the eval command's properties) can carry it: {@code detector = hog | cascade | onnx},
 * {@code detector.cascadeDir}, {@code detector.upperBody}, {@code detector.onnx.model},
 * {@code detector.onnx.inputSize} (e.g. 640x640), {@code detector.onnx.scoreThreshold},
 * {@code detector.onnx.nmsIou}, {@code detector.onnx.personClass}, {@code detector.onnx.classes}.
 */
public record DetectorConfig(Kind kind, Path cascadeDir, boolean upperBody, OnnxPersonDetector.Settings onnx) {

    /** The detector families. */
    public enum Kind { HOG, CASCADE, ONNX }

    public DetectorConfig {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.ONNX && onnx == null) {
            throw new IllegalArgumentException("detector onnx needs a model (detector.onnx.model)");
        }
        cascadeDir = cascadeDir == null ? CascadePersonDetector.DEBIAN_CASCADES : cascadeDir;
    }

    /** OpenCV's HOG people detector: what {@code CameraPipeline.withDefaults} uses. */
    public static DetectorConfig hog() {
        return new DetectorConfig(Kind.HOG, null, false, null);
    }

    /** The full-body and upper-body cascades from {@code dir} (null: Debian's opencv-data location). */
    public static DetectorConfig cascade(Path dir, boolean upperBody) {
        return new DetectorConfig(Kind.CASCADE, dir, upperBody, null);
    }

    public static DetectorConfig onnx(OnnxPersonDetector.Settings settings) {
        return new DetectorConfig(Kind.ONNX, null, false, settings);
    }

    /** Builds the detector; fails with a message naming the missing file when a cascade or model is absent. */
    public PersonDetector create() {
        return switch (kind) {
            case HOG -> new HogPersonDetector();
            case CASCADE -> new CascadePersonDetector(cascadeDir.resolve("haarcascade_fullbody.xml"),
                    upperBody ? cascadeDir.resolve("haarcascade_upperbody.xml") : null);
            case ONNX -> new OnnxPersonDetector(onnx);
        };
    }

    /** Reads the keys listed above; absent keys keep their defaults (HOG; COCO YOLO at 640x640). */
    public static DetectorConfig fromKeys(Map<String, String> keys) {
        String kind = keys.getOrDefault("detector", "hog").strip().toUpperCase(Locale.ROOT);
        Kind k;
        try {
            k = Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("detector must be hog, cascade or onnx, got " + keys.get("detector"));
        }
        Path dir = keys.containsKey("detector.cascadeDir") ? Path.of(keys.get("detector.cascadeDir").strip()) : null;
        boolean upper = Boolean.parseBoolean(keys.getOrDefault("detector.upperBody", "true").strip());
        OnnxPersonDetector.Settings onnx = null;
        if (k == Kind.ONNX) {
            String model = keys.get("detector.onnx.model");
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("detector onnx needs detector.onnx.model (a path to an .onnx file)");
            }
            OnnxPersonDetector.Settings d = OnnxPersonDetector.Settings.coco(Path.of(model.strip()));
            String[] size = keys.getOrDefault("detector.onnx.inputSize", d.inputWidth() + "x" + d.inputHeight())
                    .strip().toLowerCase(Locale.ROOT).split("x");
            onnx = new OnnxPersonDetector.Settings(d.model(), Integer.parseInt(size[0].strip()),
                    Integer.parseInt(size[size.length - 1].strip()),
                    num(keys, "detector.onnx.scoreThreshold", d.scoreThreshold()),
                    num(keys, "detector.onnx.nmsIou", d.nmsIou()),
                    (int) num(keys, "detector.onnx.personClass", d.personClass()),
                    (int) num(keys, "detector.onnx.classes", d.classes()));
        }
        return new DetectorConfig(k, dir, upper, onnx);
    }

    private static double num(Map<String, String> keys, String key, double dflt) {
        String v = keys.get(key);
        return v == null ? dflt : Double.parseDouble(v.strip());
    }
}
