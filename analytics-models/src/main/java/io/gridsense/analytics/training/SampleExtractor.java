package io.gridsense.analytics.training;

import io.gridsense.analytics.BehaviorType;
import io.gridsense.analytics.CameraPipeline;
import io.gridsense.analytics.eval.ClipFrames;
import io.gridsense.analytics.eval.Evaluator;
import io.gridsense.analytics.eval.Label;
import io.gridsense.analytics.eval.LabelsCsv;
import io.gridsense.analytics.eval.ProgressBar;
import io.gridsense.analytics.rules.RuleSet;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Runs the agent's pipeline over a labelled folder of clips and keeps the fight analyzer's window vectors, labelled
 * from {@code labels.csv}. In a folder with {@code sources.csv} (real footage) the source video is the
 * cross-validation group; otherwise each clip is its own group. Windows straddling a fight's start or end are
 * dropped (they are neither), and only every other frame is kept (neighbouring windows share most frames).
 */
public final class SampleExtractor {
    /** A window ending this long after a fight starts is mostly fight. */
    static final double SETTLE_S = 1.2;
    /** A window ending within this of a fight (before its start, after its end) is ambiguous. */
    static final double MARGIN_S = 2.5;

    private final double fps;
    private final int threads;

    /** Samples clips at {@code fps} as the agent does, {@code threads} clips at a time. */
    public SampleExtractor(double fps, int threads) {
        this.fps = fps;
        this.threads = threads;
    }

    /**
     * The windows of a folder, and every clip's truth and group (a clip may give no window at all); {@code startS}:
     * how long after a real clip's first frame its sampling started (0 for generated folders).
     */
    public record Extraction(List<WindowSample> samples, Map<String, Boolean> clipFight, Map<String, String> clipGroup,
                             boolean real, double startS) {
    }

    /** Whether the folder holds real footage: it names its clips' source videos in {@code sources.csv}. */
    public static boolean isReal(Path dir) throws IOException {
        return !sources(dir.resolve("sources.csv")).isEmpty();
    }

    /**
     * A folder's windows; real clips sampled from {@code realStartS} seconds after their first frame (generated ones
     * always from it), which must lie within one analysis step.
     */
    public Extraction extract(Path dir, double realStartS, PrintStream progress) throws Exception {
        if (!(realStartS >= 0 && realStartS < 1 / fps)) {
            throw new IllegalArgumentException("a real clip's sampling start must be within one analysis step (0 to "
                    + 1 / fps + " s), got " + realStartS);
        }
        Path labelsCsv = dir.resolve("labels.csv");
        if (!Files.isRegularFile(labelsCsv)) {
            throw new IOException("no labels.csv in " + dir);
        }
        Map<String, List<Label>> labels = LabelsCsv.read(labelsCsv).stream().collect(Collectors.groupingBy(Label::clip));
        Map<String, String> sources = sources(dir.resolve("sources.csv"));
        boolean real = !sources.isEmpty();
        List<Path> clips = Evaluator.clips(dir);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        List<WindowSample> out = new ArrayList<>();
        Map<String, Boolean> truth = new java.util.TreeMap<>();
        Map<String, String> groups = new java.util.TreeMap<>();
        try {
            List<Future<List<WindowSample>>> futures = new ArrayList<>();
            for (Path c : clips) {
                String name = c.getFileName().toString();
                String group = real ? dir.getFileName() + "/" + sources.getOrDefault(name, name) : dir.getFileName() + "/" + name;
                List<Label> fights = labels.getOrDefault(name, List.of()).stream()
                        .filter(l -> l.type() == BehaviorType.FIGHT).toList();
                truth.put(name, !fights.isEmpty());
                groups.put(name, group);
                futures.add(pool.submit(() -> clipSamples(c, fights, group, real, realStartS)));
            }
            for (int i = 0; i < futures.size(); i++) {
                out.addAll(futures.get(i).get());
                if (progress != null) {
                    progress.printf(Locale.ROOT, "\r%s %s %d/%d clips, %d windows ", ProgressBar.bar(i + 1, clips.size()),
                            dir.getFileName(), i + 1, clips.size(), out.size());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (progress != null) {
            progress.println();
        }
        return new Extraction(out, truth, groups, real, real ? realStartS : 0);
    }

    private List<WindowSample> clipSamples(Path clip, List<Label> fights, String group, boolean real, double realStartS)
            throws Exception {
        List<WindowSample> out = new ArrayList<>();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        RuleSet rules = new RuleSet(null, RuleSet.defaults().fight());
        int[] n = {0};
        try (CameraPipeline p = CameraPipeline.forClipVerdicts(rules, ClipFrames.length(clip))) {
            ClipFrames.play(clip, fps, real ? realStartS : 0, (bgr, t) -> {
                p.analyse(bgr, t0.plusNanos((long) (t * 1e9)));
                double[] x = p.fightWindowFeatures().orElse(null);
                if (x == null || (!real && n[0]++ % 2 == 1)) {
                    return;
                }
                Boolean fight = label(fights, t, real);
                if (fight != null) {
                    out.add(new WindowSample(x, fight, clip.getFileName().toString(), group, real, t));
                }
            }, (bgr, t) -> p.between(bgr, t0.plusNanos((long) (t * 1e9))));
        }
        return out;
    }

    /** True inside a fight (after it settled), false well away from any fight, null in between. */
    static Boolean label(List<Label> fights, double t, boolean real) {
        if (real) {
            return !fights.isEmpty();
        }
        for (Label l : fights) {
            if (t >= l.startS() + SETTLE_S && t <= l.endS()) {
                return true;
            }
            if (t > l.startS() - 0.5 && t < l.endS() + MARGIN_S) {
                return null;
            }
        }
        return false;
    }

    /** {@code clip,source} rows, or empty when the file is absent. */
    static Map<String, String> sources(Path csv) throws IOException {
        Map<String, String> out = new HashMap<>();
        if (!Files.isRegularFile(csv)) {
            return out;
        }
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.strip().split(",");
            if (f.length >= 2 && !f[0].equals("clip")) {
                out.put(f[0].strip(), f[1].strip());
            }
        }
        return out;
    }
}
