package io.gridsense.agent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridsense.agent.camera.PullSettings;
import io.gridsense.analytics.Point;
import io.gridsense.analytics.people.DetectorConfig;
import io.gridsense.analytics.rules.FightRule;
import io.gridsense.analytics.rules.GatheringRule;
import io.gridsense.analytics.rules.RuleSet;
import io.gridsense.protocol.GeoPoint;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an agent's YAML config file. Secrets are written as {@code ${ENV_NAME}} and taken from the
 * environment, so the file itself can be shared; every error names the file, line and field.
 */
public final class AgentConfigLoader {

    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Function<String, String> env;

    public AgentConfigLoader(Function<String, String> env) {
        this.env = env;
    }

    /** Loads with the process environment. */
    public static AgentConfig load(Path file) {
        return new AgentConfigLoader(System::getenv).read(file);
    }

    public AgentConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses config text; {@code source} names it in error messages (a file, or "command c-17"). */
    public AgentConfig parse(String text, String source) {
        String file = source;
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        FileDoc doc;
        try {
            doc = yaml.readValue(text, FileDoc.class);
        } catch (JsonMappingException e) {
            // a mapping error's own location is where parsing stopped; look up the field's line instead
            String pointer = pointer(e.getPath());
            Integer line = YamlLines.of(text).get(pointer);
            String where = line != null ? " line " + line : e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
            String field = pointer.isEmpty() ? "" : " (" + pointer.substring(1).replace('/', '.') + ")";
            String what = e instanceof UnrecognizedPropertyException u
                    ? "unknown field \"" + u.getPropertyName() + "\" (known here: " + u.getKnownPropertyIds() + ")"
                    : firstLine(e.getOriginalMessage());
            throw new ConfigException(file + where + field + ": " + what);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " line " + at.getLineNr();
            throw new ConfigException(file + where + ": " + firstLine(e.getOriginalMessage()));
        }
        if (doc == null) {
            throw new ConfigException(file + ": the file is empty");
        }
        try {
            return doc.toConfig(this::expand);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    private static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            sb.append('/').append(r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()));
        }
        return sb.toString();
    }

    private String expand(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = ENV_REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = env.apply(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("environment variable " + m.group(1) + " is referenced but not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid YAML";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A config the agent cannot start with; the message is the one line to print. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }

    // The YAML shape: kept apart from the domain records so the file can stay friendly (seconds, lat/lon).
    record FileDoc(String site, String agentId, MqttDoc mqtt, HubDoc hub, Double analysisFps, Integer analysisThreads,
                   Integer statusIntervalSeconds, String dataDir, EvidenceDoc evidence, HttpDoc http,
                   PullDoc pull, DetectorDoc detector, List<CameraDoc> cameras) {
        AgentConfig toConfig(Function<String, String> x) {
            if (mqtt == null) {
                throw new IllegalArgumentException("mqtt: section is missing");
            }
            if (hub == null) {
                throw new IllegalArgumentException("hub: section is missing");
            }
            List<CameraConfig> cams = new ArrayList<>();
            if (cameras != null) {
                for (int i = 0; i < cameras.size(); i++) {
                    cams.add(cameras.get(i).toConfig(i, x));
                }
            }
            URI hubUrl;
            try {
                hubUrl = URI.create(x.apply(hub.url()));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("hub.url: not a URL");
            }
            AgentConfig.EvidenceSettings ev = AgentConfig.EvidenceSettings.defaults();
            if (evidence != null) {
                ev = new AgentConfig.EvidenceSettings(evidence.clips() == null ? ev.clips() : evidence.clips(),
                        evidence.preSeconds() == null ? ev.preSeconds() : evidence.preSeconds(),
                        evidence.postSeconds() == null ? ev.postSeconds() : evidence.postSeconds(),
                        evidence.spoolMegabytes() == null ? ev.spoolBytes() : evidence.spoolMegabytes() << 20);
            }
            AgentConfig.HttpSettings hs = AgentConfig.HttpSettings.defaults();
            if (http != null) {
                hs = new AgentConfig.HttpSettings(http.host() == null ? hs.host() : http.host(),
                        http.port() == null ? hs.port() : http.port());
            }
            PullSettings ps = PullSettings.defaults();
            if (pull != null) {
                if (pull.transport() != null) {
                    try {
                        ps = ps.withTransport(PullSettings.Transport.valueOf(pull.transport().toUpperCase(java.util.Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("pull.transport must be tcp or udp, got '" + pull.transport() + "'");
                    }
                }
                if (pull.ioTimeoutSeconds() != null) {
                    ps = ps.withIoTimeout(seconds("pull.ioTimeoutSeconds", pull.ioTimeoutSeconds()));
                }
                if (pull.offlineAlertSeconds() != null) {
                    ps = ps.withOfflineAlertAfter(seconds("pull.offlineAlertSeconds", pull.offlineAlertSeconds()));
                }
            }
            String ca = x.apply(mqtt.caFile());
            return new AgentConfig(site, agentId,
                    new AgentConfig.MqttSettings(x.apply(mqtt.serverUri()), x.apply(mqtt.username()),
                            x.apply(mqtt.password()), x.apply(mqtt.clientId()), ca == null ? null : Path.of(ca)),
                    new AgentConfig.HubSettings(hubUrl, x.apply(hub.token())),
                    analysisFps == null ? 4.0 : analysisFps,
                    statusIntervalSeconds == null ? 10 : statusIntervalSeconds,
                    Path.of(dataDir == null ? "/var/lib/gridsense-agent" : x.apply(dataDir)),
                    ev, hs, ps, analysisThreads, cams, detector == null ? null : detector.toConfig(x));
        }
    }

    /** {@code detector:} which person detector every camera's pipeline uses (HOG when absent). */
    record DetectorDoc(String kind, String cascadeDir, Boolean upperBody, OnnxDoc onnx) {
        DetectorConfig toConfig(Function<String, String> x) {
            Map<String, String> keys = new java.util.HashMap<>();
            keys.put("detector", kind == null ? "hog" : kind);
            if (cascadeDir != null) {
                keys.put("detector.cascadeDir", x.apply(cascadeDir));
            }
            if (upperBody != null) {
                keys.put("detector.upperBody", upperBody.toString());
            }
            if (onnx != null) {
                put(keys, "detector.onnx.model", x.apply(onnx.model()));
                put(keys, "detector.onnx.inputSize", onnx.inputSize());
                put(keys, "detector.onnx.scoreThreshold", onnx.scoreThreshold());
                put(keys, "detector.onnx.nmsIou", onnx.nmsIou());
                put(keys, "detector.onnx.personClass", onnx.personClass());
                put(keys, "detector.onnx.classes", onnx.classes());
            }
            DetectorConfig d;
            try {
                d = DetectorConfig.fromKeys(keys);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("detector: " + e.getMessage());
            }
            // a missing model or cascade stops the agent at start with the path, not at the first camera
            Path needed = switch (d.kind()) {
                case HOG -> null;
                case CASCADE -> d.cascadeDir().resolve("haarcascade_fullbody.xml");
                case ONNX -> d.onnx().model();
            };
            if (needed != null && !Files.isRegularFile(needed)) {
                throw new IllegalArgumentException("detector: " + needed + " does not exist"
                        + (d.kind() == DetectorConfig.Kind.CASCADE ? " (Debian package opencv-data)" : ""));
            }
            return d;
        }

        private static void put(Map<String, String> keys, String key, Object value) {
            if (value != null) {
                keys.put(key, value.toString());
            }
        }
    }

    /** {@code detector.onnx:} a user-supplied YOLO-style ONNX export. */
    record OnnxDoc(String model, String inputSize, Double scoreThreshold, Double nmsIou, Integer personClass,
                   Integer classes) {
    }

    private static Duration seconds(String field, double v) {
        if (v <= 0) {
            throw new IllegalArgumentException(field + " must be more than 0, got " + v);
        }
        return Duration.ofMillis(Math.round(v * 1000));
    }

    record PullDoc(String transport, Double ioTimeoutSeconds, Double offlineAlertSeconds) {
    }

    record MqttDoc(String serverUri, String username, String password, String clientId, String caFile) {
    }

    record EvidenceDoc(Boolean clips, Integer preSeconds, Integer postSeconds, Long spoolMegabytes) {
    }

    record HttpDoc(String host, Integer port) {
    }

    record HubDoc(String url, String token) {
    }

    record CameraDoc(String id, String name, String url, String mainUrl, Boolean loop, Double lat, Double lon, RulesDoc rules) {
        CameraConfig toConfig(int index, Function<String, String> x) {
            String field = "cameras[" + index + "]";
            if (lat == null || lon == null) {
                throw new IllegalArgumentException(field + ": lat and lon are required");
            }
            GeoPoint where;
            try {
                where = new GeoPoint(lat, lon);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + ": " + e.getMessage());
            }
            RuleSet rs = rules == null ? RuleSet.defaults() : rules.toRuleSet(field);
            return new CameraConfig(id, name, x.apply(url), x.apply(mainUrl), loop != null && loop, where, rs);
        }
    }

    record RulesDoc(Map<String, Object> gathering, Map<String, Object> fight) {
        RuleSet toRuleSet(String field) {
            RuleSet d = RuleSet.defaults();
            GatheringRule g = d.gathering();
            if (gathering != null) {
                Settings s = new Settings(field + ".rules.gathering", gathering);
                g = s.bool("enabled", true) ? new GatheringRule(s.text("id", "gathering"), s.region(),
                        s.integer("minPeople", g.minPeople()), s.seconds("minSeconds", g.minDuration()),
                        s.seconds("repeatSeconds", g.repeatInterval()), s.number("sensitivity", g.sensitivity()),
                        s.number("minDensity", g.minDensity())) : null;
            }
            FightRule f = d.fight();
            if (fight != null) {
                Settings s = new Settings(field + ".rules.fight", fight);
                f = s.bool("enabled", true) ? new FightRule(s.text("id", "fight"), s.region(),
                        s.seconds("minSeconds", f.minDuration()), s.seconds("repeatSeconds", f.repeatInterval()),
                        s.number("sensitivity", f.sensitivity())) : null;
            }
            return new RuleSet(g, f);
        }
    }

    /** Typed reads from a rule's map, each error naming the field. */
    private record Settings(String field, Map<String, Object> map) {
        private static final List<String> KNOWN = List.of("enabled", "id", "region", "minPeople", "minSeconds",
                "repeatSeconds", "sensitivity", "minDensity");

        Settings {
            for (String k : map.keySet()) {
                if (!KNOWN.contains(k)) {
                    throw new IllegalArgumentException(field + "." + k + ": unknown setting (known: " + KNOWN + ")");
                }
            }
        }

        boolean bool(String k, boolean dflt) {
            Object v = map.get(k);
            if (v == null) {
                return dflt;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            throw new IllegalArgumentException(field + "." + k + ": expected true or false, got '" + v + "'");
        }

        String text(String k, String dflt) {
            Object v = map.get(k);
            return v == null ? dflt : v.toString();
        }

        double number(String k, double dflt) {
            Object v = map.get(k);
            if (v == null) {
                return dflt;
            }
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            throw new IllegalArgumentException(field + "." + k + ": expected a number, got '" + v + "'");
        }

        int integer(String k, int dflt) {
            Object v = map.get(k);
            if (v == null) {
                return dflt;
            }
            if (v instanceof Integer n) {
                return n;
            }
            throw new IllegalArgumentException(field + "." + k + ": expected a whole number, got '" + v + "'");
        }

        Duration seconds(String k, Duration dflt) {
            Object v = map.get(k);
            return v == null ? dflt : Duration.ofMillis(Math.round(number(k, 0) * 1000));
        }

        List<Point> region() {
            Object v = map.get("region");
            if (v == null) {
                return List.of();
            }
            List<Point> pts = new ArrayList<>();
            if (v instanceof List<?> list) {
                for (Object p : list) {
                    if (p instanceof List<?> xy && xy.size() == 2 && xy.get(0) instanceof Number x
                            && xy.get(1) instanceof Number y && x.doubleValue() >= 0 && x.doubleValue() <= 1
                            && y.doubleValue() >= 0 && y.doubleValue() <= 1) {
                        pts.add(new Point(x.doubleValue(), y.doubleValue()));
                    } else {
                        throw new IllegalArgumentException(field + ".region: each point must be [x, y] within 0..1, got " + p);
                    }
                }
            }
            if (pts.size() < 3) {
                throw new IllegalArgumentException(field + ".region: a polygon needs at least 3 points [x, y]");
            }
            return pts;
        }
    }
}
