package io.gridsense.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecTest {

    private final WireCodec codec = new WireCodec();
    private final String topic = Topic.alerts("demo", "agent-1").path();

    private Alert alert() {
        return new Alert(1, "01JDEMOALERT0001", "demo", "agent-1", "cam-1", AlertType.GATHERING,
                Instant.parse("2026-11-24T08:00:00Z"), Instant.parse("2026-11-24T08:00:08.500Z"), 0.8, 5,
                List.of(new NormPoint(0.1, 0.2), new NormPoint(0.5, 0.2), new NormPoint(0.5, 0.9)),
                new GeoPoint(31.23, 121.47), List.of(new EvidenceRef("snapshot", "/api/evidence/x.jpg")),
                "hog-1", "gathering-default", "1");
    }

    private String reasonOf(Decoded<?> d) {
        assertThat(d.isValid()).as("expected a dead letter").isFalse();
        return ((Decoded.Invalid<?>) d).deadLetter().reason();
    }

    private byte[] mutate(java.util.function.Consumer<ObjectNode> change) {
        ObjectNode node = codec.mapper().valueToTree(alert());
        change.accept(node);
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roundTripsAValidAlert() {
        Decoded<Alert> d = codec.decodeAlert(topic, codec.encode(alert()));
        assertThat(d.isValid()).isTrue();
        assertThat(((Decoded.Valid<Alert>) d).value()).isEqualTo(alert());
    }

    @Test
    void wrongTypeIsADeadLetter() {
        assertThat(reasonOf(codec.decodeAlert(topic, mutate(n -> n.put("peopleCount", "five")))))
                .startsWith("schema violation").contains("peopleCount");
    }

    @Test
    void missingFieldIsADeadLetter() {
        assertThat(reasonOf(codec.decodeAlert(topic, mutate(n -> n.remove("cameraId")))))
                .startsWith("schema violation").contains("cameraId");
    }

    @Test
    void unknownVersionIsADeadLetter() {
        assertThat(reasonOf(codec.decodeAlert(topic, mutate(n -> n.put("schemaVersion", 2)))))
                .isEqualTo("unsupported schemaVersion 2: this side speaks 1");
    }

    @Test
    void unknownAlertTypeIsADeadLetter() {
        assertThat(reasonOf(codec.decodeAlert(topic, mutate(n -> n.put("type", "PICNIC")))))
                .startsWith("schema violation").contains("type");
    }

    @Test
    void oversizedPayloadIsRefusedBeforeParsing() {
        byte[] big = new byte[WireCodec.MAX_PAYLOAD_BYTES + 1];
        assertThat(reasonOf(codec.decodeAlert(topic, big))).startsWith("oversized payload: 65537 bytes");
    }

    @Test
    void invalidTopicIsADeadLetter() {
        assertThat(reasonOf(codec.decodeAlert("gridsense/v1/demo/agents/bad id/alerts", codec.encode(alert()))))
                .startsWith("invalid topic");
        assertThat(reasonOf(codec.decodeAlert("gridsense/v1/demo/agents/agent-1/status", codec.encode(alert()))))
                .startsWith("wrong topic");
    }

    @Test
    void malformedJsonIsADeadLetter() {
        assertThat(reasonOf(codec.decodeAlert(topic, "{\"schemaVersion\": 1,".getBytes(StandardCharsets.UTF_8))))
                .startsWith("malformed JSON");
        assertThat(reasonOf(codec.decodeAlert(topic, "[1,2]".getBytes(StandardCharsets.UTF_8))))
                .startsWith("malformed message");
        assertThat(reasonOf(codec.decodeAlert(topic, new byte[0]))).isEqualTo("empty payload");
    }

    @Test
    void outOfRangeValuesAreDeadLetters() {
        assertThat(reasonOf(codec.decodeAlert(topic, mutate(n -> n.put("confidence", 1.5))))).contains("confidence");
        assertThat(reasonOf(codec.decodeAlert(topic, mutate(n -> ((ObjectNode) n.get("location")).put("lat", 120)))))
                .contains("lat");
        assertThat(reasonOf(codec.decodeAlert(topic, mutate(n -> n.put("detectedAt", "yesterday")))))
                .contains("detectedAt");
    }

    @Test
    void unknownFieldIsADeadLetter() {
        assertThat(reasonOf(codec.decodeAlert(topic, mutate(n -> n.put("extra", true))))).contains("extra");
    }

    @Test
    void agentCannotSpeakForAnother() {
        String other = Topic.alerts("demo", "agent-2").path();
        assertThat(reasonOf(codec.decodeAlert(other, codec.encode(alert())))).startsWith("topic/payload mismatch");
    }

    @Test
    void deadLetterKeepsAShortExcerpt() {
        byte[] payload = ("{\"x\":\"" + "a".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8);
        Decoded<Alert> d = codec.decodeAlert(topic, payload);
        DeadLetter dl = ((Decoded.Invalid<Alert>) d).deadLetter();
        assertThat(dl.payloadExcerpt()).hasSizeLessThanOrEqualTo(200);
        assertThat(dl.payloadBytes()).isEqualTo(payload.length);
    }

    @Test
    void statusMessagesRoundTrip() {
        CameraStatus cs = new CameraStatus(1, "agent-1", "cam-1", true, "h264", 640, 360, 25, 5,
                Instant.parse("2026-11-24T08:00:00Z"), null, new GeoPoint(31.2, 121.4), "Gate", Instant.parse("2026-11-24T08:00:01Z"));
        assertThat(codec.decodeCameraStatus(Topic.cameraStatus("demo", "agent-1", "cam-1").path(), codec.encode(cs)).isValid()).isTrue();
        AgentStatus as = new AgentStatus(1, "agent-1", "demo", false, "0.1.0", 12, Instant.now(), List.of(new CameraSummary("cam-1", true)));
        assertThat(codec.decodeAgentStatus(Topic.agentStatus("demo", "agent-1").path(), codec.encode(as)).isValid()).isTrue();
    }

    @Test
    void commandsRoundTripAndBadOnesAreDeadLetters() {
        String cmdTopic = Topic.command("demo", "agent-1").path();
        Command c = new Command(1, "c-1", Command.Type.PTZ_MOVE, "cam-1", java.util.Map.of("pan", 0.5),
                java.time.Instant.parse("2026-11-25T08:00:00Z"));
        Decoded<Command> ok = codec.decodeCommand(cmdTopic, codec.encode(c));
        assertThat(ok.isValid()).isTrue();
        assertThat(reasonOf(codec.decodeCommand(cmdTopic, "{\"schemaVersion\":1,\"commandId\":\"c-2\",\"type\":\"SELF_DESTRUCT\",\"sentAt\":\"2026-11-25T08:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8)))).startsWith("schema violation").contains("type");
        String replyTopic = Topic.commandReply("demo", "agent-1").path();
        CommandReply r = CommandReply.error("c-1", "agent-2", "no such camera", java.time.Instant.parse("2026-11-25T08:00:01Z"));
        assertThat(reasonOf(codec.decodeCommandReply(replyTopic, codec.encode(r)))).startsWith("topic/payload mismatch");
    }
}
