package io.gridsense.analytics.eval;

import io.gridsense.analytics.Point;
import io.gridsense.analytics.rules.FightRule;
import io.gridsense.analytics.rules.GatheringRule;
import io.gridsense.analytics.rules.RuleSet;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Rules for the evaluation and training commands from a properties file; every key is optional and falls back to
 * {@link RuleSet#defaults()}: {@code gathering.enabled, gathering.minPeople, gathering.minDuration (e.g. 10s),
 * gathering.repeatInterval, gathering.sensitivity, gathering.minDensity (0..1, 0 = off), gathering.region
 * (x,y;x,y;... normalised), fight.enabled,
 * fight.minDuration, fight.repeatInterval, fight.sensitivity, fight.region}.
 */
public final class RulesFile {
    private RulesFile() {
    }

    public static RuleSet read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return parse(p);
    }

    public static RuleSet parse(Properties p) {
        RuleSet d = RuleSet.defaults();
        GatheringRule g = d.gathering();
        FightRule f = d.fight();
        GatheringRule gathering = bool(p, "gathering.enabled", true) ? new GatheringRule(g.id(),
                region(p, "gathering.region", g.region()),
                Integer.parseInt(p.getProperty("gathering.minPeople", Integer.toString(g.minPeople())).strip()),
                duration(p, "gathering.minDuration", g.minDuration()),
                duration(p, "gathering.repeatInterval", g.repeatInterval()),
                number(p, "gathering.sensitivity", g.sensitivity()),
                number(p, "gathering.minDensity", g.minDensity())) : null;
        FightRule fight = bool(p, "fight.enabled", true) ? new FightRule(f.id(), region(p, "fight.region", f.region()),
                duration(p, "fight.minDuration", f.minDuration()), duration(p, "fight.repeatInterval", f.repeatInterval()),
                number(p, "fight.sensitivity", f.sensitivity())) : null;
        return new RuleSet(gathering, fight);
    }

    private static boolean bool(Properties p, String key, boolean dflt) {
        String v = p.getProperty(key);
        return v == null ? dflt : Boolean.parseBoolean(v.strip());
    }

    private static double number(Properties p, String key, double dflt) {
        String v = p.getProperty(key);
        return v == null ? dflt : Double.parseDouble(v.strip());
    }

    /** {@code 10s}, {@code 500ms}, {@code 2m}, or an ISO-8601 duration such as {@code PT10S}. */
    static Duration duration(Properties p, String key, Duration dflt) {
        String v = p.getProperty(key);
        if (v == null) {
            return dflt;
        }
        v = v.strip().toLowerCase(java.util.Locale.ROOT);
        if (v.startsWith("pt")) {
            return Duration.parse(v.toUpperCase(java.util.Locale.ROOT));
        }
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("m")) {
            return Duration.ofSeconds(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60));
        }
        String num = v.endsWith("s") ? v.substring(0, v.length() - 1) : v;
        return Duration.ofMillis(Math.round(Double.parseDouble(num) * 1000));
    }

    private static List<Point> region(Properties p, String key, List<Point> dflt) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        List<Point> out = new ArrayList<>();
        for (String pair : v.split(";")) {
            String[] xy = pair.split(",");
            out.add(new Point(Double.parseDouble(xy[0].strip()), Double.parseDouble(xy[1].strip())));
        }
        return out;
    }
}
