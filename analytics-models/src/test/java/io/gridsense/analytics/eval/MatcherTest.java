package io.gridsense.analytics.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.analytics.BehaviorType;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MatcherTest {
    private static final BehaviorType G = BehaviorType.GATHERING;

    @Test
    void alertWithinIntervalOrGraceMatchesOnce() {
        List<Label> labels = List.of(new Label("c", G, 10, 20));
        Matcher.Outcome o = Matcher.match(G, labels, List.of(new Alert(G, 24.9, 10), new Alert(G, 25.5, 10)));
        assertThat(o.tp()).isEqualTo(1);
        assertThat(o.fp()).isEqualTo(1);
        assertThat(o.fn()).isZero();
        assertThat(o.ttdS()).hasSize(1);
        assertThat(o.ttdS().get(0)).isCloseTo(14.9, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void earlyAlertIsFalseAndIntervalMissed() {
        List<Label> labels = List.of(new Label("c", G, 10, 20));
        Matcher.Outcome o = Matcher.match(G, labels, List.of(new Alert(G, 9.5, 0)));
        assertThat(o.tp()).isZero();
        assertThat(o.fp()).isEqualTo(1);
        assertThat(o.fn()).isEqualTo(1);
    }

    @Test
    void otherTypeIsIgnoredAndNegativeClipCountsFalseAlerts() {
        Matcher.Outcome o = Matcher.match(G, List.of(), List.of(new Alert(BehaviorType.FIGHT, 3, 0), new Alert(G, 4, 0)));
        assertThat(o.fp()).isEqualTo(1);
        assertThat(o.tp() + o.fn()).isZero();
    }

    @Test
    void reportComputesMetricsAndJson() {
        EvalReport r = new EvalReport(false);
        r.add(new ClipResult("a.mp4", List.of(new Alert(G, 15, 5)), 3600, 10, java.util.Map.of(), 1),
                List.of(new Label("a.mp4", G, 5, 20)));
        r.add(new ClipResult("b.mp4", List.of(new Alert(G, 15, 5)), 3600, 10, java.util.Map.of(), 1), List.of());
        Metrics m = r.metrics(G);
        assertThat(m.precision()).isEqualTo(0.5);
        assertThat(m.recall()).isEqualTo(1.0);
        assertThat(m.medianTtd()).isEqualTo(10.0);
        assertThat(r.falseAlertsPerHour()).isEqualTo(0.5);
        assertThat(r.json()).contains("\"GATHERING\": {\"precision\": 0.5000", "\"median_ttd_s\": 10.0000",
                "\"false_alerts_per_hour\": 0.5000");
    }

    @Test
    void rulesFileOverridesDefaults() {
        Properties p = new Properties();
        p.setProperty("gathering.minPeople", "6");
        p.setProperty("gathering.minDuration", "5s");
        p.setProperty("fight.sensitivity", "0.8");
        p.setProperty("fight.region", "0,0;1,0;1,1");
        var rules = RulesFile.parse(p);
        assertThat(rules.gathering().minPeople()).isEqualTo(6);
        assertThat(rules.gathering().minDuration().toSeconds()).isEqualTo(5);
        assertThat(rules.fight().sensitivity()).isEqualTo(0.8);
        assertThat(rules.fight().region()).hasSize(3);
        assertThat(rules.fight().minDuration().toSeconds()).isEqualTo(3);
    }
}
