package io.gridsense.agent.onvif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridsense.agent.EdgeAgent;
import io.gridsense.agent.config.AgentConfig;
import io.gridsense.agent.config.CameraConfig;
import io.gridsense.protocol.GeoPoint;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's PTZ commands reach an onvif:// camera (the agent's own ONVIF device service standing in for one). */
class PtzCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void ptzMoveAndStopGoToTheCameraOverOnvif() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (DeviceFixture camera = new DeviceFixture()) {
            String onvif = "onvif://" + DeviceFixture.USER + ":" + DeviceFixture.PASSWORD + "@127.0.0.1:" + camera.server.port() + "/cam1_sub";
            AgentConfig cfg = new AgentConfig("ptz" + run, "edge-" + run,
                    new AgentConfig.MqttSettings("tcp://127.0.0.1:1883", null, null, "ptz-edge-" + run),
                    new AgentConfig.HubSettings(URI.create("http://127.0.0.1:9"), null), 2, 5, dir.resolve("agent"),
                    new AgentConfig.EvidenceSettings(false, 1, 1, 1 << 20), new AgentConfig.HttpSettings("127.0.0.1", 0), null, null,
                    List.of(new CameraConfig("ptz-cam", null, onvif, false, new GeoPoint(30.27, 120.15), null)));
            String cmd = "gridsense/v1/ptz" + run + "/agents/edge-" + run + "/cmd";
            BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
            MqttClient hub = new MqttClient("tcp://127.0.0.1:1883", "ptz-hub-" + run, new MemoryPersistence());
            hub.connect(new MqttConnectionOptions());
            hub.subscribe(new MqttSubscription[] {new MqttSubscription(cmd + "/reply", 1)},
                    new IMqttMessageListener[] {(t, m) -> replies.add(JSON.readTree(m.getPayload()))});
            try (EdgeAgent agent = EdgeAgent.start(cfg)) {
                Thread.sleep(1500); // the agent's MQTT session and its command subscription
                JsonNode moved = ask(hub, cmd, replies, "{\"schemaVersion\":1,\"commandId\":\"p1\",\"type\":\"PTZ_MOVE\",\"cameraId\":\"ptz-cam\","
                        + "\"args\":{\"pan\":0.5,\"tilt\":-0.25,\"zoom\":0,\"timeoutMillis\":2000},\"sentAt\":\"2026-11-25T08:00:00Z\"}");
                assertThat(moved.path("ok").asBoolean()).as(moved.toString()).isTrue();
                JsonNode stopped = ask(hub, cmd, replies, "{\"schemaVersion\":1,\"commandId\":\"p2\",\"type\":\"PTZ_STOP\",\"cameraId\":\"ptz-cam\","
                        + "\"sentAt\":\"2026-11-25T08:00:00Z\"}");
                assertThat(stopped.path("ok").asBoolean()).as(stopped.toString()).isTrue();
                assertThat(camera.ptz.commands()).hasSize(2);
                assertThat(camera.ptz.commands().get(0)).contains("0.5").contains("-0.25");
                JsonNode tooFast = ask(hub, cmd, replies, "{\"schemaVersion\":1,\"commandId\":\"p3\",\"type\":\"PTZ_MOVE\",\"cameraId\":\"ptz-cam\","
                        + "\"args\":{\"pan\":3},\"sentAt\":\"2026-11-25T08:00:00Z\"}");
                assertThat(tooFast.path("error").asText()).contains("-1..1");
            } finally {
                hub.disconnect();
                hub.close();
            }
        }
    }

    private static JsonNode ask(MqttClient hub, String topic, BlockingQueue<JsonNode> replies, String payload) throws Exception {
        hub.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, false, null));
        JsonNode r = replies.poll(20, TimeUnit.SECONDS);
        assertThat(r).as("a reply to " + payload).isNotNull();
        return r;
    }
}
