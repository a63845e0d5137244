package io.gridsense.analytics.bench;

import io.gridsense.analytics.CameraPipeline;
import io.gridsense.analytics.LayerTimings;
import io.gridsense.analytics.people.DetectorConfig;
import io.gridsense.analytics.rules.RuleSet;
import io.gridsense.analytics.scene.DemoScene;
import io.gridsense.analytics.scene.SceneRenderer;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Milliseconds per analysed frame per layer at 640x360, on a quiet camera (the empty plaza) and a busy one (the
 * fight scene: two fighters and a passer-by; the gathering scene: six people arriving and standing; the walking
 * scene the camera benchmark streams: people crossing), at the
 * agent's 5 fps with default rules: median, the 10th-90th percentile spread and the mean (what sets how many frames
 * a core analyses: a look skipped on every other frame halves the mean but may leave the median). While the fight
 * stage asks for it, the in-between picture is measured too and its cost counted in the fight layer of the analysed
 * frame before it, as the agent hands it over. Frames are rendered in memory, so
 * decoding is not counted. Run: {@code java -cp "deploy/target/gridsense.jar:deploy/target/lib/*"
 * io.gridsense.analytics.bench.LayerBenchmark [frames] [hog|cascade]} (the detector; HOG by default).
 */
public final class LayerBenchmark {
    private static final List<String> LAYERS = List.of("resize", "motion", "detect", "track", "gathering", "fight", "total");
    private static final List<ToLongFunction<LayerTimings>> GET = List.of(LayerTimings::resizeNs,
            LayerTimings::motionNs, LayerTimings::detectNs, LayerTimings::trackNs, LayerTimings::gatheringNs,
            LayerTimings::fightNs, LayerTimings::totalNs);

    private LayerBenchmark() {
    }

    public static void main(String[] args) {
        // One OpenCV thread, as the agent runs it: its cameras already keep both cores busy.
        org.bytedeco.opencv.global.opencv_core.setNumThreads(1);
        DetectorConfig detector = DetectorConfig.fromKeys(Map.of("detector", args.length > 1 ? args[1] : "hog"));
        run(args.length > 0 ? Integer.parseInt(args[0]) : 150, detector, System.out);
    }

    /** Benchmarks {@code frames} frames (after a 25-frame warm-up) per scene with HOG and prints a table. */
    public static void run(int frames, PrintStream out) {
        run(frames, DetectorConfig.hog(), out);
    }

    /** Benchmarks {@code frames} frames (after a 25-frame warm-up) per scene and prints a table. */
    public static void run(int frames, DetectorConfig detector, PrintStream out) {
        out.printf(Locale.ROOT, "640x360, 5 fps, default rules, detector %s, %d frames per scene after 25 warm-up"
                + " frames, %d cores%n", detector.kind(), frames, Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%-10s %-10s %10s %16s %8s%n", "scene", "layer", "median_ms", "p10-p90_ms", "mean_ms");
        for (DemoScene scene : List.of(DemoScene.EMPTY, DemoScene.FIGHT, DemoScene.GATHERING, DemoScene.WALKING)) {
            List<long[]> cpu = new ArrayList<>();
            List<LayerTimings> t = measure(scene, frames, detector, cpu);
            for (int i = 0; i < LAYERS.size(); i++) {
                ToLongFunction<LayerTimings> g = GET.get(i);
                double[] ms = t.stream().mapToDouble(x -> g.applyAsLong(x) / 1e6).sorted().toArray();
                out.printf(Locale.ROOT, "%-10s %-10s %10.2f %8.2f-%-7.2f %8.2f%n", scene == DemoScene.EMPTY ? "quiet"
                        : scene.name().toLowerCase(Locale.ROOT), LAYERS.get(i), pct(ms, 50), pct(ms, 10), pct(ms, 90),
                        mean(ms));
            }
            double[] cpuMs = cpu.stream().mapToDouble(c -> c[0] / 1e6).sorted().toArray();
            out.printf(Locale.ROOT, "%-10s %-10s %10.2f %8.2f-%-7.2f %8.2f%n", scene == DemoScene.EMPTY ? "quiet"
                    : scene.name().toLowerCase(Locale.ROOT), "total_cpu", pct(cpuMs, 50), pct(cpuMs, 10), pct(cpuMs, 90),
                    mean(cpuMs));
        }
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElse(Double.NaN);
    }

    static List<LayerTimings> measure(DemoScene scene, int frames, DetectorConfig detector) {
        return measure(scene, frames, detector, new ArrayList<>());
    }

    /**
     * As above, also adding each measured frame's CPU time on the analysing thread to {@code cpu}: on a loaded
     * machine the wall-clock layers include waiting for a core, the CPU time does not.
     */
    static List<LayerTimings> measure(DemoScene scene, int frames, DetectorConfig detector, List<long[]> cpu) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int warmup = 25;
        double seconds = (frames + warmup) / 5.0 + 1;
        List<LayerTimings> out = new ArrayList<>();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try (SceneRenderer r = new SceneRenderer(scene, 3, 640, 360, Duration.ofMillis((long) (seconds * 1000)));
             CameraPipeline p = CameraPipeline.create(RuleSet.defaults(), detector);
             Mat frame = new Mat()) {
            for (int i = 0; i < frames + warmup; i++) {
                double t = i / 5.0;
                r.render(t, frame);
                long c0 = threads.getCurrentThreadCpuTime();
                p.analyse(frame, t0.plusMillis(i * 200L));
                long c1 = threads.getCurrentThreadCpuTime();
                LayerTimings layers = p.lastTimings();
                if (p.wantsBetweenFrames()) {
                    // the camera's in-between picture, as the agent hands it over: its flow counts to the fight layer
                    r.render(t + 0.1, frame);
                    long b0 = System.nanoTime();
                    long bc0 = threads.getCurrentThreadCpuTime();
                    p.between(frame, t0.plusMillis(i * 200L + 100));
                    c1 += threads.getCurrentThreadCpuTime() - bc0;
                    layers = new LayerTimings(layers.resizeNs(), layers.motionNs(), layers.detectNs(), layers.trackNs(),
                            layers.gatheringNs(), layers.fightNs() + System.nanoTime() - b0);
                }
                if (i >= warmup) {
                    out.add(layers);
                    cpu.add(new long[] {c1 - c0});
                }
            }
        }
        return out;
    }

    private static double pct(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.round((sorted.length - 1) * p / 100.0);
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
