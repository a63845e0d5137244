package io.gridsense.analytics.scene;

import io.gridsense.analytics.eval.Label;
import io.gridsense.analytics.eval.LabelsCsv;
import io.gridsense.analytics.eval.ProgressBar;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a labelled set of evaluation clips ({@code ./gridsense scenes}): {@code count} clips cycling through the
 * {@link Scenario}s, each with its own seed-derived choreography and {@link Look}, plus {@code labels.csv}
 * ({@code clip,type,start_s,end_s}) and {@code clips.csv} (what each clip is and how it was filmed). Deterministic
 * for a seed apart from the sensor noise; different seeds never share a clip seed.
 */
public final class SceneSet {
    private static final Logger LOG = LoggerFactory.getLogger(SceneSet.class);
    /** One cycle of scenarios: a quarter fights, a quarter gatherings, the rest negatives (most of them hard). */
    static final Scenario[] CYCLE = {
        Scenario.FIGHT, Scenario.GATHERING, Scenario.WALKING, Scenario.QUEUE, Scenario.FIGHT, Scenario.DISPERSING,
        Scenario.PLAYING, Scenario.JOGGING, Scenario.SHAKY, Scenario.FIGHT, Scenario.GATHERING, Scenario.EMPTY};

    /** Size and timing of the generated clips. */
    public record Format(int width, int height, int fps, Duration length) {
        public static Format standard() {
            return new Format(640, 360, 10, Duration.ofSeconds(36));
        }
    }

    private SceneSet() {
    }

    /** Renders the set into {@code out}; returns the labels written. Progress goes to {@code log} (may be null). */
    public static List<Label> generate(Path out, int count, long seed, Format format, PrintStream log)
            throws IOException {
        return generate(out, count, seed, format, null, log);
    }

    /**
     * As above, with every clip of one {@code only} scenario (null: the usual cycle), to study one kind of clip: the
     * i-th clip has the same seed, choreography and look as it would have in the cycle had it fallen on that scenario.
     */
    public static List<Label> generate(Path out, int count, long seed, Format format, Scenario only, PrintStream log)
            throws IOException {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive");
        }
        Files.createDirectories(out);
        List<Label> labels = new ArrayList<>();
        List<String> clips = new ArrayList<>();
        clips.add("clip,scenario,clip_seed,look");
        double length = format.length().toMillis() / 1000.0;
        for (int i = 0; i < count; i++) {
            Scenario scenario = only != null ? only : CYCLE[i % CYCLE.length];
            long clipSeed = clipSeed(seed, i);
            String name = String.format(Locale.ROOT, "s%d-%03d-%s.mp4", seed, i, scenario.name().toLowerCase(Locale.ROOT));
            ScenarioScript.Script script = ScenarioScript.build(scenario, clipSeed, length);
            Look look = Look.random(new Random(clipSeed * 31 + 7), length, scenario == Scenario.SHAKY);
            try (SceneRenderer r = new SceneRenderer(script.actors(), look, clipSeed, format.width(), format.height(),
                    format.length())) {
                SceneVideo.record(r, out.resolve(name), format.width(), format.height(), format.fps(), format.length(),
                        scenario + " seed=" + clipSeed);
            }
            for (ScenarioScript.Interval t : script.truth()) {
                labels.add(new Label(name, t.type(), t.startS(), Math.min(length, t.endS())));
            }
            clips.add(name + "," + scenario + "," + clipSeed + "," + look.describe());
            if (log != null) {
                log.printf(Locale.ROOT, "\r%s %d/%d %s", ProgressBar.bar(i + 1, count), i + 1, count, name);
            }
        }
        if (log != null) {
            log.println();
        }
        List<String> lines = new ArrayList<>();
        lines.add(LabelsCsv.HEADER);
        labels.forEach(l -> lines.add(LabelsCsv.line(l)));
        Files.write(out.resolve("labels.csv"), lines);
        Files.write(out.resolve("clips.csv"), clips);
        LOG.info("scene set written dir={} clips={} labels={} seed={}", out, count, labels.size(), seed);
        return labels;
    }

    /** Distinct per (seed, index) and far apart, so sets from different seeds never share a clip. */
    static long clipSeed(long seed, int index) {
        return seed * 1_000_003L + index * 7919L + 17;
    }
}
