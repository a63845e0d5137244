package io.gridsense.analytics.eval;

import io.gridsense.analytics.BehaviorType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The matching rule of the evaluation: an alert of type T matches a labelled interval of type T of the same clip
 * when it is raised within [start, end + 5 s]; each interval counts once (its earliest matching alert); every
 * other alert is a false positive; an interval no alert matched is a false negative.
 */
public final class Matcher {
    /** Grace after a labelled interval ends within which an alert still counts for it. */
    public static final double GRACE_S = 5.0;

    /** The outcome for one behaviour on one clip: counts, the time-to-detect of each hit, and which alerts were false. */
    public record Outcome(int tp, int fp, int fn, List<Double> ttdS, List<Alert> falseAlerts) {
    }

    private Matcher() {
    }

    public static Outcome match(BehaviorType type, List<Label> labels, List<Alert> alerts) {
        List<Label> intervals = labels.stream().filter(l -> l.type() == type)
                .sorted(Comparator.comparingDouble(Label::startS)).toList();
        List<Alert> own = alerts.stream().filter(a -> a.type() == type)
                .sorted(Comparator.comparingDouble(Alert::atS)).toList();
        boolean[] used = new boolean[own.size()];
        int tp = 0;
        List<Double> ttd = new ArrayList<>();
        for (Label l : intervals) {
            for (int i = 0; i < own.size(); i++) {
                double at = own.get(i).atS();
                if (!used[i] && at >= l.startS() && at <= l.endS() + GRACE_S) {
                    used[i] = true;
                    tp++;
                    ttd.add(at - l.startS());
                    break;
                }
            }
        }
        List<Alert> fps = new ArrayList<>();
        for (int i = 0; i < own.size(); i++) {
            if (!used[i]) {
                fps.add(own.get(i));
            }
        }
        return new Outcome(tp, fps.size(), intervals.size() - tp, ttd, fps);
    }
}
