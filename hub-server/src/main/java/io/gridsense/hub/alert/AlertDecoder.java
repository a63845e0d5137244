package io.gridsense.hub.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.Decoded;
import io.gridsense.protocol.Topic;
import io.gridsense.protocol.WireCodec;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The hub's alert decoder: a hand check of the constraints of {@code alert.schema.json} in front of
 * {@link WireCodec#decodeAlert}. The generic JSON Schema validator cost about a third of a core at 1,600
 * alerts/s; the hand check costs a few microseconds. It only ever <em>accepts</em>: a message it is not certain
 * about (anything the schema might reject, and some things it would accept, e.g. {@code 5.0} as a count or an
 * unusual date form) goes through the codec's full check, so every dead letter keeps the codec's exact reason
 * and nothing the schema rejects gets in. {@code AlertDecoderTest} holds it to the codec on valid and mutated
 * messages.
 */
public final class AlertDecoder {

    private static final Set<String> REQUIRED = Set.of("schemaVersion", "alertId", "site", "agentId", "cameraId", "type",
            "startedAt", "detectedAt", "confidence", "peopleCount", "region", "location", "evidence", "modelVersion",
            "ruleVersion");
    private static final Set<String> TYPES = Set.of("GATHERING", "FIGHT", "CAMERA_OFFLINE", "CAMERA_TAMPER");
    private static final Set<String> EVIDENCE_KINDS = Set.of("snapshot", "clip");

    private final WireCodec codec;
    private final ObjectMapper mapper;

    public AlertDecoder(WireCodec codec) {
        this.codec = codec;
        this.mapper = codec.mapper();
    }

    /** Decodes like {@link WireCodec#decodeAlert}: the same values, the same dead letters. */
    public Decoded<Alert> decode(String topicName, byte[] payload) {
        Topic topic = Topic.parse(topicName).orElse(null);
        if (topic == null || topic.kind() != Topic.Kind.ALERTS || payload == null || payload.length == 0
                || payload.length > WireCodec.MAX_PAYLOAD_BYTES) {
            return codec.decodeAlert(topicName, payload);
        }
        try {
            JsonNode node = mapper.readTree(payload);
            if (node == null || !surelyValid(node)) {
                return codec.decodeAlert(topicName, payload);
            }
            Alert a = mapper.treeToValue(node, Alert.class);
            if (!a.agentId().equals(topic.agentId()) || !a.site().equals(topic.site())) {
                return codec.decodeAlert(topicName, payload);
            }
            return new Decoded.Valid<>(topic, a);
        } catch (IOException | IllegalArgumentException e) {
            return codec.decodeAlert(topicName, payload); // the codec names what is wrong
        }
    }

    /** True only when the alert schema certainly accepts the node. */
    static boolean surelyValid(JsonNode n) {
        if (!n.isObject()) {
            return false;
        }
        int present = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            boolean ok = switch (f.getKey()) {
                case "schemaVersion" -> v.isInt() && v.intValue() == WireCodec.SCHEMA_VERSION;
                case "alertId" -> id(v, 8);
                case "site", "agentId", "cameraId" -> id(v, 1);
                case "type" -> v.isTextual() && TYPES.contains(v.textValue());
                case "startedAt", "detectedAt" -> instant(v);
                case "confidence" -> number(v, 0, 1);
                case "peopleCount" -> v.isInt() && v.intValue() >= 0 && v.intValue() <= 100_000;
                case "region" -> region(v);
                case "location" -> object(v, "lat", "lon") && number(v.get("lat"), -90, 90) && number(v.get("lon"), -180, 180);
                case "evidence" -> evidence(v);
                case "modelVersion", "ruleVersion" -> text(v, 128);
                case "ruleId" -> v.isNull() || text(v, 128);
                default -> false; // additionalProperties: false
            };
            if (!ok) {
                return false;
            }
            if (REQUIRED.contains(f.getKey())) {
                present++;
            }
        }
        return present == REQUIRED.size();
    }

    /** [A-Za-z0-9_-]{min,64}. */
    private static boolean id(JsonNode v, int min) {
        if (!v.isTextual()) {
            return false;
        }
        String s = v.textValue();
        if (s.length() < min || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_' || ch == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Strictly yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z, hour ≤ 23, minute and second ≤ 59: a sure RFC 3339 date-time ending in Z. */
    private static boolean instant(JsonNode v) {
        if (!v.isTextual()) {
            return false;
        }
        String s = v.textValue();
        int len = s.length();
        if (len < 20 || len > 30 || s.charAt(len - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(11) > '2'
                || s.charAt(11) == '2' && s.charAt(12) > '3' || s.charAt(14) > '5' || s.charAt(17) > '5') {
            return false;
        }
        for (int i = 0; i < len - 1; i++) {
            boolean digitSlot = i != 4 && i != 7 && i != 10 && i != 13 && i != 16 && i != 19;
            char ch = s.charAt(i);
            if (digitSlot ? ch < '0' || ch > '9' : i == 19 ? ch != '.' : false) {
                return false;
            }
        }
        if (len == 21 || s.charAt(0) < '1') { // "…ss.Z" has no fraction digits; years before 1000 are left to the codec
            return false;
        }
        try {
            Instant.parse(s); // calendar ranges (month 13, February 30, hour 24)
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean number(JsonNode v, double min, double max) {
        if (v == null || !(v.isInt() || v.isLong() || v.isDouble())) {
            return false;
        }
        double d = v.doubleValue();
        return !Double.isNaN(d) && d >= min && d <= max;
    }

    private static boolean text(JsonNode v, int maxChars) {
        return v.isTextual() && v.textValue().length() <= maxChars; // chars ≥ code points: never looser than maxLength
    }

    /** An object with exactly these fields. */
    private static boolean object(JsonNode v, String a, String b) {
        return v.isObject() && v.size() == 2 && v.has(a) && v.has(b);
    }

    private static boolean region(JsonNode v) {
        if (!v.isArray() || v.size() > 64) {
            return false;
        }
        for (JsonNode p : v) {
            if (!object(p, "x", "y") || !number(p.get("x"), 0, 1) || !number(p.get("y"), 0, 1)) {
                return false;
            }
        }
        return true;
    }

    private static boolean evidence(JsonNode v) {
        if (!v.isArray() || v.size() > 16) {
            return false;
        }
        for (JsonNode e : v) {
            if (!object(e, "kind", "uri") || !e.get("kind").isTextual() || !EVIDENCE_KINDS.contains(e.get("kind").textValue())
                    || !text(e.get("uri"), 1024)) {
                return false;
            }
        }
        return true;
    }
}
