package io.gridsense.analytics.eval;

import io.gridsense.analytics.BehaviorType;
import io.gridsense.analytics.FrameTrace;
import io.gridsense.analytics.behavior.FightAnalyzer;
import io.gridsense.analytics.behavior.HoldTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Replays the rules over the recorded per-frame traces of an evaluation at other settings — fight sensitivity and
 * minimum duration, gathering minimum duration and people threshold — and tabulates precision, recall, F1,
 * time-to-detect and false alerts per hour for each, as markdown. Only the rule layer is replayed; the people
 * detector keeps the sensitivity it ran with.
 */
public final class SensitivitySweep {
    private static final Duration REPEAT = Duration.ofMinutes(2);
    private static final Duration FIGHT_DROPOUT = Duration.ofMillis(1200);
    private static final Duration GATHER_DROPOUT = Duration.ofSeconds(2);

    private SensitivitySweep() {
    }

    public static String markdown(List<ClipResult> results, Map<String, List<Label>> labels) {
        StringBuilder b = new StringBuilder();
        b.append("#### Fight: sensitivity (minimum duration 3 s)\n\n").append(header("sensitivity (p threshold)"));
        for (double s = 0.1; s < 0.95; s += 0.1) {
            double sens = Math.round(s * 10) / 10.0;
            double thr = FightAnalyzer.threshold(sens);
            b.append(row(String.format(Locale.ROOT, "%.1f (%.2f)", sens, thr), BehaviorType.FIGHT, results, labels,
                    (r, t) -> fightAlerts(r, thr, Duration.ofSeconds(3))));
        }
        b.append("\n#### Fight: minimum duration (sensitivity 0.5)\n\n").append(header("min duration"));
        for (int d : new int[] {0, 1, 2, 3, 5, 8}) {
            b.append(row(d + " s", BehaviorType.FIGHT, results, labels,
                    (r, t) -> fightAlerts(r, FightAnalyzer.threshold(0.5), Duration.ofSeconds(d))));
        }
        b.append("\n#### Gathering: minimum duration (4 people)\n\n").append(header("min duration"));
        for (int d : new int[] {3, 5, 10, 15, 20}) {
            b.append(row(d + " s", BehaviorType.GATHERING, results, labels, (r, t) -> gatherAlerts(r, 4, Duration.ofSeconds(d))));
        }
        b.append("\n#### Gathering: people threshold (10 s; labels assume 4)\n\n").append(header("min people"));
        for (int n : new int[] {2, 3, 4, 5, 6}) {
            b.append(row(Integer.toString(n), BehaviorType.GATHERING, results, labels,
                    (r, t) -> gatherAlerts(r, n, Duration.ofSeconds(10))));
        }
        return b.toString();
    }

    private static String header(String what) {
        return "| " + what + " | precision | recall | F1 | tp | fp | fn | median TTD s | false alerts / h |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";
    }

    private static String row(String setting, BehaviorType type, List<ClipResult> results, Map<String, List<Label>> labels,
                              BiFunction<ClipResult, BehaviorType, List<Alert>> replay) {
        Metrics m = Metrics.empty();
        double hours = 0;
        for (ClipResult r : results) {
            Matcher.Outcome o = Matcher.match(type, labels.getOrDefault(r.clip(), List.of()), replay.apply(r, type));
            m = m.plus(o.tp(), o.fp(), o.fn(), 0, o.ttdS());
            hours += r.lengthS() / 3600;
        }
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %d | %d | %s | %.1f |%n", setting, f(m.precision()),
                f(m.recall()), f(m.f1()), m.tp(), m.fp(), m.fn(), f(m.medianTtd()), hours == 0 ? 0 : m.fp() / hours);
    }

    static List<Alert> fightAlerts(ClipResult r, double threshold, Duration minDuration) {
        HoldTimer timer = new HoldTimer(minDuration, FIGHT_DROPOUT, REPEAT);
        List<Alert> out = new ArrayList<>();
        for (ClipResult.TracedFrame f : r.traces()) {
            FrameTrace t = f.trace();
            Instant at = ClipRunner.T0.plusNanos((long) (f.tS() * 1e9));
            boolean violent = !Double.isNaN(t.fightProbability()) && t.fightProbability() >= threshold && t.fightGatesOk();
            Optional<Instant> start = timer.update(violent, at);
            start.ifPresent(s -> out.add(new Alert(BehaviorType.FIGHT, f.tS(), ClipRunner.seconds(s))));
        }
        return out;
    }

    static List<Alert> gatherAlerts(ClipResult r, int minPeople, Duration minDuration) {
        HoldTimer timer = new HoldTimer(minDuration, GATHER_DROPOUT, REPEAT);
        List<Alert> out = new ArrayList<>();
        for (ClipResult.TracedFrame f : r.traces()) {
            Instant at = ClipRunner.T0.plusNanos((long) (f.tS() * 1e9));
            boolean gathered = f.trace().group() >= minPeople && !f.trace().queue();
            timer.update(gathered, at).ifPresent(s -> out.add(new Alert(BehaviorType.GATHERING, f.tS(), ClipRunner.seconds(s))));
        }
        return out;
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
