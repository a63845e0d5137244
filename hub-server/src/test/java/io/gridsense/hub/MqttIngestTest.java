package io.gridsense.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridsense.hub.access.Role;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.CameraStatus;
import io.gridsense.protocol.Decoded;
import io.gridsense.protocol.Topic;
import io.gridsense.protocol.WorkerPush;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Alerts and statuses through the machine's real Mosquitto into a real hub, out to a worker's WebSocket. */
class MqttIngestTest {

    static HubHarness h;
    static String operator;

    @BeforeAll
    static void start() throws Exception {
        h = new HubHarness();
        operator = h.token("op-1", Role.OPERATOR);
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    private static List<JsonNode> list(String path) throws Exception {
        JsonNode n = h.json(h.get(path, operator));
        return StreamSupport.stream(n.spliterator(), false).toList();
    }

    @Test
    void duplicateAlertMakesOneIncidentMalformedGoesToDeadLettersAndTheNearestWorkerIsPushed() throws Exception {
        String agent = "agent-1";
        String topic = Topic.alerts(h.site, agent).path();
        String camera = "cam-sw-" + h.run;
        BlockingQueue<JsonNode> nearest = h.socket("/ws/worker/w-01", h.token("w-01", Role.WORKER));
        BlockingQueue<JsonNode> board = h.socket("/ws/board", operator);
        BlockingQueue<WorkerPush> mqttPushes = new LinkedBlockingQueue<>();
        String pushTopic = Topic.workerPush("w-01").path();
        h.publisher.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                new org.eclipse.paho.mqttv5.common.MqttSubscription(pushTopic, 1)}, new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                (t, m) -> {
                    Decoded<WorkerPush> d = h.codec.decodeWorkerPush(t, m.getPayload());
                    if (d instanceof Decoded.Valid<WorkerPush> v && camera.equals(v.value().cameraId())) {
                        mqttPushes.add(v.value());
                    }
                }});

        Alert alert = TestData.alert("A" + h.run + "-0001", h.site, agent, camera, AlertType.GATHERING, Instant.now(), 7,
                TestData.SW);
        byte[] bytes = h.codec.encode(alert);
        h.publish(topic, bytes);
        h.publish(topic, bytes); // redelivery of the same alert id
        h.publish(topic, "{\"schemaVersion\":1,\"alertId\":".getBytes(StandardCharsets.UTF_8));
        Alert later = TestData.alert("A" + h.run + "-0002", h.site, agent, "cam-ne-" + h.run, AlertType.FIGHT,
                Instant.now(), 2, TestData.NE);
        h.publish(topic, h.codec.encode(later)); // the consumer still works after the dead letter

        HubHarness.await("second alert stored", () -> {
            try {
                return list("/api/alerts?limit=1000").stream().anyMatch(a -> a.path("alertId").asText().equals(later.alertId()));
            } catch (Exception e) {
                return false;
            }
        });
        List<JsonNode> alerts = list("/api/alerts?limit=1000").stream()
                .filter(a -> a.path("alertId").asText().equals(alert.alertId())).toList();
        assertThat(alerts).hasSize(1);
        List<JsonNode> incidents = list("/api/incidents?limit=1000").stream()
                .filter(i -> i.path("cameraId").asText().equals(camera)).toList();
        assertThat(incidents).hasSize(1);
        JsonNode incident = incidents.get(0);
        assertThat(incident.path("alertCount").asInt()).isEqualTo(1);
        assertThat(incident.path("gridCode").asText()).isEqualTo("330106001001-01");
        assertThat(incident.path("state").asText()).isEqualTo("REPORTED");
        assertThat(alerts.get(0).path("incidentId").asText()).isEqualTo(incident.path("id").asText());

        List<JsonNode> dead = list("/api/dead-letters").stream().filter(d -> d.path("topic").asText().equals(topic)).toList();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).path("reason").asText()).startsWith("malformed JSON");

        // the hub ingests every site on the broker, so other runs' alerts may push w-01 too: find ours
        JsonNode push = null;
        for (JsonNode p; push == null && (p = nearest.poll(10, TimeUnit.SECONDS)) != null; ) {
            if (p.path("incidentId").asText().equals(incident.path("id").asText()) && camera.equals(p.path("cameraId").asText())) {
                push = p;
            }
        }
        assertThat(push).as("push on the nearest worker's WebSocket").isNotNull();
        assertThat(push.path("kind").asText()).isEqualTo("push");
        assertThat(push.path("workerId").asText()).isEqualTo("w-01");
        assertThat(push.path("incidentId").asText()).isEqualTo(incident.path("id").asText());
        assertThat(push.path("reason").asText()).isEqualTo("GRID_OWNER");
        assertThat(push.path("distanceMeters").asDouble()).isBetween(50.0, 150.0);
        assertThat(push.path("snapshotUrl").asText()).isEqualTo("/api/evidence/" + alert.alertId() + "/snapshot.jpg");
        assertThat(push.path("gridName").asText()).contains("第一网格");

        // other hubs on this broker (other share groups) may push for the same camera id too: find ours
        WorkerPush viaMqtt = null;
        for (WorkerPush p; viaMqtt == null && (p = mqttPushes.poll(10, TimeUnit.SECONDS)) != null; ) {
            if (p.pushId().equals(push.path("pushId").asText())) {
                viaMqtt = p;
            }
        }
        assertThat(viaMqtt).as("the same push on the worker's MQTT topic").isNotNull();
        assertThat(viaMqtt.incidentId()).isEqualTo(incident.path("id").asText());

        List<String> boardKinds = new ArrayList<>();
        JsonNode ev;
        while ((ev = board.poll(2, TimeUnit.SECONDS)) != null) {
            if (ev.path("incident").path("cameraId").asText().equals(camera)) {
                boardKinds.add(ev.path("action").asText());
            }
        }
        assertThat(boardKinds).containsExactly("created");

        // who was pushed: the SW grid's on-duty owners plus the nearest on duty; never the off-duty w-03
        JsonNode pushesOfW03 = h.json(h.get("/api/workers/w-03/pushes", operator));
        assertThat(pushesOfW03).isEmpty();
        JsonNode pushesOfW02 = h.json(h.get("/api/workers/w-02/pushes", operator));
        assertThat(pushesOfW02.findValuesAsText("incidentId")).contains(incident.path("id").asText());
    }

    @Test
    void cameraStatusLandsInItsGridAndOnTheBoard() throws Exception {
        String camera = "cam-se-" + h.run;
        BlockingQueue<JsonNode> board = h.socket("/ws/board", operator);
        CameraStatus s = new CameraStatus(1, "agent-2", camera, true, "h264", 640, 360, 12.5, 5, Instant.now(), null,
                TestData.SE, "东南角 SE corner", Instant.now());
        h.publish(Topic.cameraStatus(h.site, "agent-2", camera).path(), h.codec.encode(s));
        JsonNode event = null;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (event == null && System.nanoTime() < end) {
            JsonNode e = board.poll(1, TimeUnit.SECONDS);
            if (e != null && "camera".equals(e.path("kind").asText()) && camera.equals(e.path("camera").path("cameraId").asText())) {
                event = e;
            }
        }
        assertThat(event).as("camera event on the board").isNotNull();
        assertThat(event.path("camera").path("gridCode").asText()).isEqualTo("330106001001-02");
        assertThat(event.path("camera").path("online").asBoolean()).isTrue();
        JsonNode cam = list("/api/cameras").stream().filter(c -> c.path("cameraId").asText().equals(camera)).findFirst().orElseThrow();
        assertThat(cam.path("name").asText()).isEqualTo("东南角 SE corner");
    }
}
