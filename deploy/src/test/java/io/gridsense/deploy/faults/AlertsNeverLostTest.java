package io.gridsense.deploy.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridsense.hub.HubConfig;
import io.gridsense.hub.HubServer;
import io.gridsense.hub.access.Role;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.GeoPoint;
import io.gridsense.protocol.Topic;
import io.gridsense.protocol.WireCodec;
import java.time.Instant;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tests of the issue "alerts never lost", against real Mosquitto processes on the test's own ports and
 * an agent delivery process that the test kills: 1,000 alerts arrive once each, and the hub makes no
 * duplicate incident, whatever happens in between.
 */
class AlertsNeverLostTest {

    private static final int BURST = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void brokerStoppedMidBurstThenStartedLosesNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (MosquittoProcess broker = new MosquittoProcess(dir.resolve("mosquitto"), List.of())) {
            broker.start();
            try (HubServer hub = startHub(broker.uri(), run)) {
                Process agent = burst(broker.uri(), run, false);
                try {
                    awaitCount(hub, n -> n >= 200, Duration.ofSeconds(60));
                    broker.stop();
                    int atStop = alertCount(hub);
                    assertThat(atStop).as("the broker went away mid-burst").isLessThan(BURST);
                    Thread.sleep(5000);
                    broker.start();
                    awaitCount(hub, n -> n >= BURST, Duration.ofSeconds(120));
                    assertThat(agent.waitFor(60, TimeUnit.SECONDS)).as("the agent emptied its outbox").isTrue();
                    assertIncidentsCorrect(hub);
                } finally {
                    agent.destroyForcibly();
                }
            }
        }
    }

    /**
     * The window after a broker restart and before the hub re-subscribes (Paho waits at least a second before it
     * reconnects): alerts published in it wait in the hub's session. Mosquitto 2.0 dropped them when the hub
     * subscribed through {@code $share}, which does not survive its restart.
     */
    @Test
    void alertsPublishedBeforeTheHubReconnectsAfterABrokerRestartArrive() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (MosquittoProcess broker = new MosquittoProcess(dir.resolve("mosquitto"), List.of())) {
            broker.start();
            try (HubServer hub = startHub(broker.uri(), run)) {
                broker.stop();
                broker.start();
                WireCodec codec = new WireCodec();
                Instant t = Instant.now();
                MqttClient agent = new MqttClient(broker.uri(), "early-" + run, new MemoryPersistence());
                try {
                    agent.connect();
                    for (int i = 0; i < 20; i++) {
                        Alert a = new Alert(1, "early-" + run + "-" + i, "s" + run, "edge-" + run, "cam-" + (i % 10),
                                AlertType.GATHERING, t, t, 0.9, 5, List.of(), new GeoPoint(30.27175, 120.156), List.of(),
                                "restart window", "r", "1");
                        agent.publish(Topic.alerts(a.site(), a.agentId()).path(), codec.encode(a), 1, false);
                    }
                    assertThat(hub.mqttConnected()).as("published before the hub reconnected").isFalse();
                    agent.disconnect();
                } finally {
                    agent.close();
                }
                awaitCount(hub, n -> n >= 20, Duration.ofSeconds(60));
            }
        }
    }

    @Test
    void agentKilledMidBurstThenRestartedLosesAndDoublesNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (MosquittoProcess broker = new MosquittoProcess(dir.resolve("mosquitto"), List.of())) {
            broker.start();
            try (HubServer hub = startHub(broker.uri(), run)) {
                Process agent = burst(broker.uri(), run, false);
                awaitCount(hub, n -> n >= 200, Duration.ofSeconds(60));
                agent.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                agent.waitFor(10, TimeUnit.SECONDS);
                int atKill = alertCount(hub);
                assertThat(atKill).as("killed mid-burst").isLessThan(BURST);
                Process again = burst(broker.uri(), run, true);
                try {
                    awaitCount(hub, n -> n >= BURST, Duration.ofSeconds(120));
                    assertThat(again.waitFor(60, TimeUnit.SECONDS)).as("the restarted agent emptied its outbox").isTrue();
                    assertIncidentsCorrect(hub);
                } finally {
                    again.destroyForcibly();
                }
            }
        }
    }

    private HubServer startHub(String brokerUri, String run) throws Exception {
        HubConfig config = HubConfig.defaults(dir.resolve("hub"))
                .withMqtt(brokerUri, null, null, "hub-" + run, "", Duration.ofMinutes(10))
                .withHttp("127.0.0.1", 0);
        HubServer hub = HubServer.start(config);
        hub.seedDemoDistrict();
        long deadline = System.currentTimeMillis() + 20_000;
        while (!hub.mqttConnected() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        return hub;
    }

    private Process burst(String broker, String run, boolean drain) throws Exception {
        Path log = dir.resolve(drain ? "agent-drain.log" : "agent.log");
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BurstAgentMain.class.getName(),
                dir.resolve("agent").toString(), broker, "nl" + run, "edge-" + run, Integer.toString(BURST)));
        if (drain) {
            cmd.add("--drain");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.readString(log).contains("appended")) {
            if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("the agent process did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return p;
    }

    /** Ten cameras, one GATHERING incident each, whose alert counts add up to the burst: none lost, none twice. */
    private void assertIncidentsCorrect(HubServer hub) throws Exception {
        assertThat(alertCount(hub)).isEqualTo(BURST);
        JsonNode incidents = get(hub, "/api/incidents?limit=1000");
        assertThat(incidents).hasSize(10);
        int sum = 0;
        for (JsonNode i : incidents) {
            assertThat(i.path("type").asText()).isEqualTo("GATHERING");
            sum += i.path("alertCount").asInt();
        }
        assertThat(sum).isEqualTo(BURST);
    }

    private int alertCount(HubServer hub) throws Exception {
        return get(hub, "/api/alerts?limit=1000").size();
    }

    private void awaitCount(HubServer hub, IntPredicate done, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        int n = alertCount(hub);
        while (!done.test(n)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the hub has " + n + " alerts after " + max + diagnostics());
            }
            Thread.sleep(50);
            n = alertCount(hub);
        }
    }

    /** The last lines of the agent's and the broker's logs, so a failure says where the alerts stopped. */
    private String diagnostics() {
        StringBuilder sb = new StringBuilder();
        for (String name : List.of("agent.log", "agent-drain.log", "mosquitto/mosquitto.log")) {
            Path f = dir.resolve(name);
            try {
                if (Files.exists(f)) {
                    List<String> lines = Files.readAllLines(f);
                    sb.append("\n--- ").append(name).append(" (last 15 lines)\n")
                            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
                }
            } catch (java.io.IOException e) {
                sb.append("\n(cannot read ").append(name).append(')');
            }
        }
        return sb.toString();
    }

    private JsonNode get(HubServer hub, String path) throws Exception {
        String token = hub.tokens().issue("fault-test", Role.ADMIN, Duration.ofHours(1));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
