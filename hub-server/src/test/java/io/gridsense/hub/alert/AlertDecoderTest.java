package io.gridsense.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.Decoded;
import io.gridsense.protocol.EvidenceRef;
import io.gridsense.protocol.GeoPoint;
import io.gridsense.protocol.NormPoint;
import io.gridsense.protocol.Topic;
import io.gridsense.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The hub's hand check must never accept what the codec's JSON Schema rejects, and must give the codec's exact
 * value or dead letter for every message: valid alerts, each field missing, wrong types, boundaries on both sides,
 * extra fields, bad ids and dates, and thousands of random field replacements.
 */
class AlertDecoderTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final WireCodec codec = new WireCodec(Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC));
    private final AlertDecoder decoder = new AlertDecoder(codec);
    private final String topic = Topic.alerts("demo", "agent-1").path();

    private Alert alert() {
        return new Alert(1, "01JDEMOALERT0001", "demo", "agent-1", "cam-1", AlertType.GATHERING,
                Instant.parse("2026-11-24T08:00:00Z"), Instant.parse("2026-11-24T08:00:08.500Z"), 0.8, 5,
                List.of(new NormPoint(0.1, 0.2), new NormPoint(0.5, 0.2), new NormPoint(0.5, 0.9)),
                new GeoPoint(31.23, 121.47), List.of(new EvidenceRef("snapshot", "/api/evidence/x.jpg")),
                "hog-1", "gathering-default", "1");
    }

    private byte[] mutate(Consumer<ObjectNode> change) {
        ObjectNode node = codec.mapper().valueToTree(alert());
        change.accept(node);
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void same(String topicName, byte[] payload) {
        Decoded<Alert> expected = codec.decodeAlert(topicName, payload);
        assertThat(decoder.decode(topicName, payload)).as(new String(payload, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void aValidAlertTakesTheFastPathAndDecodesTheSame() throws Exception {
        byte[] payload = codec.encode(alert());
        assertThat(AlertDecoder.surelyValid(codec.mapper().readTree(payload))).isTrue();
        same(topic, payload);
        assertThat(((Decoded.Valid<Alert>) decoder.decode(topic, payload)).value()).isEqualTo(alert());
    }

    @Test
    void everyFieldMissingOrWrongGivesTheCodecsDeadLetter() {
        ObjectNode base = codec.mapper().valueToTree(alert());
        List<String> fields = new ArrayList<>();
        base.fieldNames().forEachRemaining(fields::add);
        for (String f : fields) {
            same(topic, mutate(n -> n.remove(f)));
            for (JsonNode v : values()) {
                same(topic, mutate(n -> n.set(f, v)));
            }
        }
        same(topic, mutate(n -> n.put("extra", true)));
        same(Topic.alerts("demo", "agent-2").path(), codec.encode(alert()));
        same("gridsense/v1/demo/agents/bad id/alerts", codec.encode(alert()));
        same(topic, "{\"schemaVersion\":1,".getBytes(StandardCharsets.UTF_8));
        same(topic, new byte[0]);
        same(topic, "[1,2]".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nestedObjectsAreCheckedLikeTheSchema() {
        for (JsonNode v : values()) {
            same(topic, mutate(n -> ((ObjectNode) n.get("location")).set("lat", v)));
            same(topic, mutate(n -> ((ObjectNode) n.get("location")).set("lon", v)));
            same(topic, mutate(n -> ((ObjectNode) n.get("region").get(0)).set("x", v)));
            same(topic, mutate(n -> ((ObjectNode) n.get("evidence").get(0)).set("kind", v)));
            same(topic, mutate(n -> ((ObjectNode) n.get("evidence").get(0)).set("uri", v)));
            same(topic, mutate(n -> ((ArrayNode) n.get("region")).add(v)));
            same(topic, mutate(n -> ((ArrayNode) n.get("evidence")).add(v)));
        }
        same(topic, mutate(n -> ((ObjectNode) n.get("location")).put("alt", 3)));
        same(topic, mutate(n -> ((ObjectNode) n.get("location")).remove("lon")));
        same(topic, mutate(n -> ((ObjectNode) n.get("region").get(0)).remove("y")));
        same(topic, mutate(n -> {
            ArrayNode r = n.putArray("region");
            for (int i = 0; i < 65; i++) {
                r.addObject().put("x", 0.5).put("y", 0.5);
            }
        }));
        same(topic, mutate(n -> {
            ArrayNode e = n.putArray("evidence");
            for (int i = 0; i < 17; i++) {
                e.addObject().put("kind", "clip").put("uri", "/c" + i);
            }
        }));
    }

    @Test
    void randomReplacementsNeverGetPastTheSchema() {
        Random r = new Random(11);
        List<JsonNode> values = values();
        ObjectNode base = codec.mapper().valueToTree(alert());
        List<String> fields = new ArrayList<>();
        base.fieldNames().forEachRemaining(fields::add);
        fields.add("ruleId");
        for (int k = 0; k < 3000; k++) {
            int changes = 1 + r.nextInt(3);
            same(topic, mutate(n -> {
                for (int c = 0; c < changes; c++) {
                    n.set(fields.get(r.nextInt(fields.size())), values.get(r.nextInt(values.size())));
                }
            }));
        }
    }

    /** Values on both sides of every boundary of the alert schema, and of the wrong types. */
    private static List<JsonNode> values() {
        List<JsonNode> v = new ArrayList<>();
        v.add(F.nullNode());
        v.add(F.booleanNode(true));
        for (double d : new double[] {-180.5, -180, -90.5, -90, -1, -0.0001, 0, 0.5, 1, 1.0001, 5.0, 89.9, 90, 90.5, 180, 180.5}) {
            v.add(F.numberNode(d));
        }
        for (long l : new long[] {-1, 0, 1, 2, 5, 90, 100_000, 100_001, 3_000_000_000L}) {
            v.add(l == (int) l ? F.numberNode((int) l) : F.numberNode(l));
        }
        v.add(F.numberNode(new java.math.BigDecimal("0.5")));
        for (String s : new String[] {"", "a", "abcdefg", "abcdefgh", "ab cdefgh", "abc/defgh", "ab-cd_EF09", "é", "x".repeat(64),
            "x".repeat(65), "x".repeat(128), "x".repeat(129), "x".repeat(1024), "x".repeat(1025), "GATHERING", "FIGHT", "gathering",
            "CAMERA_TAMPER", "snapshot", "clip", "video", "2026-11-24T08:00:00Z", "2026-11-24T08:00:00.5Z",
            "2026-11-24T08:00:00.123456789Z", "2026-11-24T08:00:00.1234567891Z", "2026-11-24T08:00:00.Z",
            "2026-11-24T08:00:60Z", "2026-11-24T24:00:00Z", "2026-02-30T08:00:00Z", "2026-13-01T08:00:00Z",
            "2026-11-24T08:00:00+08:00", "2026-11-24t08:00:00z", "2026-11-24 08:00:00Z", "0999-11-24T08:00:00Z",
            "2026-11-24T08:00Z", "yesterday"}) {
            v.add(F.textNode(s));
        }
        v.add(F.objectNode());
        v.add(F.objectNode().put("lat", 1).put("lon", 2));
        v.add(F.objectNode().put("x", 0.1).put("y", 0.2));
        v.add(F.objectNode().put("kind", "clip").put("uri", "/c"));
        v.add(F.arrayNode());
        v.add(F.arrayNode().add(F.objectNode().put("x", 0.1).put("y", 0.2)));
        v.add(F.arrayNode().add(F.objectNode().put("kind", "clip").put("uri", "/c")));
        v.add(F.arrayNode().add(1));
        return v;
    }
}
