package io.gridsense.analytics.eval;

import io.gridsense.analytics.BehaviorType;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The result of an evaluation run: per behaviour metrics, false alerts per camera-hour and one row per clip; as a
 * text table and as JSON ({@code {"GATHERING": {...}, "FIGHT": {...}, "false_alerts_per_hour": ...}}).
 */
public final class EvalReport {
    private final boolean clipLevel;
    private final Map<BehaviorType, Metrics> metrics = new EnumMap<>(BehaviorType.class);
    private final List<String> rows = new ArrayList<>();
    private double hours;
    private int falseAlerts;

    public EvalReport(boolean clipLevel) {
        this.clipLevel = clipLevel;
        for (BehaviorType t : BehaviorType.values()) {
            metrics.put(t, Metrics.empty());
        }
    }

    /** Scores one clip against its labels (alert matching, or one verdict per type in clip-level mode). */
    public void add(ClipResult r, List<Label> labels) {
        hours += r.lengthS() / 3600;
        StringBuilder verdicts = new StringBuilder();
        for (BehaviorType t : BehaviorType.values()) {
            boolean labelled = labels.stream().anyMatch(l -> l.type() == t);
            if (clipLevel) {
                boolean said = r.maxScore().getOrDefault(t, 0.0) >= 1;
                metrics.merge(t, Metrics.empty(), (m, z) -> m.plus(labelled && said ? 1 : 0, !labelled && said ? 1 : 0,
                        labelled && !said ? 1 : 0, !labelled && !said ? 1 : 0, List.of()));
                falseAlerts += !labelled && said ? 1 : 0;
                verdicts.append(String.format(Locale.ROOT, " %s:%s(%.2f)", t.name().charAt(0), labelled == said ? "ok" : said ? "FP" : "FN",
                        r.maxScore().getOrDefault(t, 0.0)));
            } else {
                Matcher.Outcome o = Matcher.match(t, labels, r.alerts());
                metrics.merge(t, Metrics.empty(), (m, z) -> m.plus(o.tp(), o.fp(), o.fn(), 0, o.ttdS()));
                falseAlerts += o.fp();
                if (o.tp() + o.fp() + o.fn() > 0) {
                    verdicts.append(String.format(Locale.ROOT, " %s:tp%d/fp%d/fn%d", t.name().charAt(0), o.tp(), o.fp(), o.fn()));
                }
            }
        }
        String truth = labels.isEmpty() ? "-" : labels.stream()
                .map(l -> String.format(Locale.ROOT, "%s[%.0f-%.0f]", l.type().name().charAt(0), l.startS(), l.endS()))
                .collect(Collectors.joining(" "));
        String said = r.alerts().isEmpty() ? "-" : r.alerts().stream()
                .map(a -> String.format(Locale.ROOT, "%s@%.1f", a.type().name().charAt(0), a.atS()))
                .collect(Collectors.joining(" "));
        rows.add(String.format(Locale.ROOT, "%-34s %-22s %-22s%s", r.clip(), truth, said, verdicts));
    }

    public Metrics metrics(BehaviorType t) {
        return metrics.get(t);
    }

    public double falseAlertsPerHour() {
        return hours == 0 ? 0 : falseAlerts / hours;
    }

    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "%-34s %-22s %-22s%s%n", "clip", "labels", "alerts", " verdict");
        rows.forEach(out::println);
        out.println();
        out.printf(Locale.ROOT, "%-10s %9s %9s %9s %9s %5s %5s %5s %5s %12s%n", "behaviour", clipLevel ? "accuracy" : "",
                "precision", "recall", "f1", "tp", "fp", "fn", clipLevel ? "tn" : "", clipLevel ? "" : "median_ttd_s");
        for (BehaviorType t : BehaviorType.values()) {
            Metrics m = metrics.get(t);
            out.printf(Locale.ROOT, "%-10s %9s %9s %9s %9s %5d %5d %5d %5s %12s%n", t, clipLevel ? f(m.accuracy()) : "",
                    f(m.precision()), f(m.recall()), f(m.f1()), m.tp(), m.fp(), m.fn(), clipLevel ? Integer.toString(m.tn()) : "",
                    clipLevel ? "" : f(m.medianTtd()));
        }
        out.printf(Locale.ROOT, "false alerts per camera-hour: %.2f (%.2f h of video)%n", falseAlertsPerHour(), hours);
    }

    public String json() {
        StringBuilder b = new StringBuilder("{");
        for (BehaviorType t : BehaviorType.values()) {
            Metrics m = metrics.get(t);
            b.append(String.format(Locale.ROOT, "\"%s\": {\"precision\": %s, \"recall\": %s, \"f1\": %s, \"tp\": %d, "
                    + "\"fp\": %d, \"fn\": %d, \"median_ttd_s\": %s", t, j(m.precision()), j(m.recall()), j(m.f1()),
                    m.tp(), m.fp(), m.fn(), j(m.medianTtd())));
            if (clipLevel) {
                b.append(String.format(Locale.ROOT, ", \"tn\": %d, \"accuracy\": %s", m.tn(), j(m.accuracy())));
            }
            b.append("}, ");
        }
        b.append(String.format(Locale.ROOT, "\"false_alerts_per_hour\": %s, \"hours\": %s, \"clips\": %d, \"clip_level\": %s}",
                j(falseAlertsPerHour()), j(hours), rows.size(), clipLevel));
        return b.toString();
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String j(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.4f", v);
    }
}
