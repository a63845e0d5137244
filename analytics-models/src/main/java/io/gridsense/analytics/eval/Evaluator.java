package io.gridsense.analytics.eval;

import io.gridsense.analytics.CameraPipeline;
import io.gridsense.analytics.rules.RuleSet;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluation harness ({@code ./gridsense eval}): runs the agent's pipeline over every clip of a folder with a
 * {@code labels.csv}, matches its alerts against the labels and reports per-behaviour precision, recall, F1,
 * time-to-detect and false alerts per camera-hour, or one verdict per clip with {@code clipLevel}.
 */
public final class Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);
    /** The agent analyses about this many frames per second. */
    public static final double AGENT_FPS = 5;

    /** Options of one run; {@code rules} null means the defaults. */
    public record Options(Path clips, RuleSet rules, boolean clipLevel, double fps, int threads) {
    }

    private final ClipRunner.Pipelines pipelines;

    public Evaluator(ClipRunner.Pipelines pipelines) {
        this.pipelines = pipelines;
    }

    /**
     * The command-line entry: evaluates {@code clips} with the rules of {@code rulesFile} (null: defaults), prints
     * the report to {@code out} and writes it as JSON to {@code json} when given. Returns the report.
     */
    public static EvalReport run(Path clips, Path rulesFile, Path json, boolean clipLevel, PrintStream out)
            throws Exception {
        return run(clips, rulesFile, json, clipLevel, null, out);
    }

    /** As above; with {@code sweep} also replays the rules at other settings and writes the tables there (markdown). */
    public static EvalReport run(Path clips, Path rulesFile, Path json, boolean clipLevel, Path sweep, PrintStream out)
            throws Exception {
        RuleSet rules = rulesFile == null ? RuleSet.defaults() : RulesFile.read(rulesFile);
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        // Alert matching runs the agent's pipeline as it is; clip-level verdicts also need a score for clips in
        // which no close group formed (see CameraPipeline.forClipVerdicts).
        Evaluator evaluator = new Evaluator(clipLevel ? CameraPipeline::forClipVerdicts : ClipRunner.Pipelines.agent());
        Options options = new Options(clips, rules, clipLevel, AGENT_FPS, threads);
        List<ClipResult> results = evaluator.runClips(options, out);
        Map<String, List<Label>> labels = evaluator.labels(clips);
        EvalReport report = report(results, labels, clipLevel);
        report.print(out);
        if (sweep != null) {
            if (sweep.getParent() != null) {
                Files.createDirectories(sweep.getParent());
            }
            Files.writeString(sweep, SensitivitySweep.markdown(results, labels));
            out.println("wrote " + sweep);
        }
        if (json != null) {
            if (json.getParent() != null) {
                Files.createDirectories(json.getParent());
            }
            Files.writeString(json, report.json() + System.lineSeparator());
            out.println("wrote " + json);
        }
        return report;
    }

    public EvalReport evaluate(Options o, PrintStream progress) throws Exception {
        return report(runClips(o, progress), labels(o.clips()), o.clipLevel());
    }

    /** The labels of a clip folder by clip name; fails when there is no labels.csv. */
    public Map<String, List<Label>> labels(Path dir) throws IOException {
        Path labelsCsv = dir.resolve("labels.csv");
        if (!Files.isRegularFile(labelsCsv)) {
            throw new IOException("no labels.csv in " + dir + " (expected clip,type,start_s,end_s)");
        }
        return LabelsCsv.read(labelsCsv).stream().collect(Collectors.groupingBy(Label::clip));
    }

    static EvalReport report(List<ClipResult> results, Map<String, List<Label>> labels, boolean clipLevel) {
        EvalReport report = new EvalReport(clipLevel);
        for (ClipResult r : results) {
            report.add(r, labels.getOrDefault(r.clip(), List.of()));
        }
        return report;
    }

    /** Runs every clip of the folder (in parallel), in name order. */
    public List<ClipResult> runClips(Options o, PrintStream progress) throws Exception {
        labels(o.clips());
        List<Path> clips = clips(o.clips());
        if (clips.isEmpty()) {
            throw new IOException("no video clips in " + o.clips());
        }
        ClipRunner runner = new ClipRunner(pipelines, o.rules(), o.fps());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, o.threads()));
        List<ClipResult> results = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            List<Future<ClipResult>> futures = new ArrayList<>();
            for (Path c : clips) {
                futures.add(pool.submit(() -> runner.run(c)));
            }
            for (int i = 0; i < futures.size(); i++) {
                results.add(futures.get(i).get());
                if (progress != null) {
                    double el = (System.nanoTime() - t0) / 1e9;
                    progress.printf(Locale.ROOT, "\r%s %d/%d clips, %.0f s elapsed, ~%.0f s left ", ProgressBar.bar(i + 1,
                            clips.size()), i + 1, clips.size(), el, el / (i + 1) * (clips.size() - i - 1));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (progress != null) {
            progress.println();
        }
        LOG.info("evaluation done clips={} clipLevel={} seconds={}", clips.size(), o.clipLevel(),
                String.format(Locale.ROOT, "%.0f", (System.nanoTime() - t0) / 1e9));
        return results;
    }

    /** The video files of a folder, sorted by name. */
    public static List<Path> clips(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".mp4") || n.endsWith(".avi") || n.endsWith(".mkv") || n.endsWith(".mov");
            }).sorted().toList();
        }
    }
}
