package io.gridsense.deploy.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridsense.agent.EdgeAgent;
import io.gridsense.agent.config.AgentConfig;
import io.gridsense.agent.config.AgentConfigLoader;
import io.gridsense.analytics.scene.DemoScene;
import io.gridsense.analytics.scene.SceneVideo;
import io.gridsense.deploy.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The agent as an operator meets it: commands with correlated replies over the machine's Mosquitto, config
 * hot reload, /healthz and /metrics, and one clear line for a wrong MQTT password, a broker certificate that
 * does not match, and a config file with a typo.
 */
class AgentOperationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private String yaml(String run, String broker, String extraMqtt, String cameras) {
        return """
                site: ops%s
                agentId: edge-%s
                dataDir: %s
                mqtt:
                  serverUri: %s
                %s
                hub:
                  url: http://127.0.0.1:9
                http:
                  port: %d
                evidence:
                  clips: false
                statusIntervalSeconds: 1
                cameras:
                %s
                """.formatted(run, run, dir.resolve("agent"), broker, extraMqtt, freePort(), cameras);
    }

    private String camera(String id, Path clip, int minPeople) {
        return """
                  - id: %s
                    url: %s
                    loop: true
                    lat: 30.27175
                    lon: 120.156
                    rules:
                      gathering: {minPeople: %d, minSeconds: 5}
                """.formatted(id, clip, minPeople);
    }

    @Test
    void commandsGetCorrelatedRepliesAndConfigReloadsWithoutRestart() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path clip = dir.resolve("empty.mp4");
        SceneVideo.write(DemoScene.EMPTY, 1, clip, 320, 180, 10, Duration.ofSeconds(4));
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, yaml(run, "tcp://127.0.0.1:1883", "", camera("cam-a", clip, 4)));
        AgentConfig cfg = AgentConfigLoader.load(file);
        String cmdTopic = "gridsense/v1/ops" + run + "/agents/edge-" + run + "/cmd";
        BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
        MqttClient hub = new MqttClient("tcp://127.0.0.1:1883", "ops-hub-" + run, new MemoryPersistence());
        hub.connect(new MqttConnectionOptions());
        // the array form: Paho 1.2.5's single-topic subscribe-with-listener overload recurses forever
        hub.subscribe(new MqttSubscription[] {new MqttSubscription(cmdTopic + "/reply", 1)},
                new IMqttMessageListener[] {(t, m) -> replies.add(JSON.readTree(m.getPayload()))});
        try (EdgeAgent agent = EdgeAgent.start(cfg, file)) {
            awaitHealth(agent, h -> "UP".equals(h.path("mqtt").asText()));

            JsonNode v = ask(hub, cmdTopic, replies, "{\"schemaVersion\":1,\"commandId\":\"c1\",\"type\":\"VERSION\",\"sentAt\":\"2026-11-25T08:00:00Z\"}");
            assertThat(v.path("ok").asBoolean()).isTrue();
            assertThat(v.path("result").path("version").asText()).isEqualTo(EdgeAgent.VERSION);

            JsonNode bad = ask(hub, cmdTopic, replies, "{\"schemaVersion\":1,\"commandId\":\"c2\",\"type\":\"SELF_DESTRUCT\",\"sentAt\":\"2026-11-25T08:00:00Z\"}");
            assertThat(bad.path("ok").asBoolean()).isFalse();
            assertThat(bad.path("commandId").asText()).isEqualTo("c2");
            assertThat(bad.path("error").asText()).contains("invalid command").contains("type");

            JsonNode garbage = ask(hub, cmdTopic, replies, "not json at all");
            assertThat(garbage.path("ok").asBoolean()).isFalse();
            assertThat(garbage.path("error").asText()).contains("malformed JSON");

            JsonNode noCam = ask(hub, cmdTopic, replies, "{\"schemaVersion\":1,\"commandId\":\"c3\",\"type\":\"RESTART_CAMERA\",\"cameraId\":\"nope\",\"sentAt\":\"2026-11-25T08:00:00Z\"}");
            assertThat(noCam.path("error").asText()).isEqualTo("no camera nope on this agent");

            Thread.sleep(2500); // a first live picture exists after ~2 s
            JsonNode snap = ask(hub, cmdTopic, replies, "{\"schemaVersion\":1,\"commandId\":\"c4\",\"type\":\"SNAPSHOT\",\"cameraId\":\"cam-a\",\"sentAt\":\"2026-11-25T08:00:00Z\"}");
            assertThat(snap.path("ok").asBoolean()).as(snap.toString()).isTrue();
            assertThat(snap.path("result").path("bytes").asInt()).isGreaterThan(1000);

            // new rules through a command: applied to the running camera, no restart
            String newRules = yaml(run, "tcp://127.0.0.1:1883", "", camera("cam-a", clip, 7)).replaceAll("port: \\d+", "port: 0");
            JsonNode applied = ask(hub, cmdTopic, replies, JSON.writeValueAsString(Map.of("schemaVersion", 1, "commandId", "c5",
                    "type", "APPLY_CONFIG", "args", Map.of("yaml", newRules), "sentAt", "2026-11-25T08:00:00Z")));
            assertThat(applied.path("ok").asBoolean()).as(applied.toString()).isTrue();
            assertThat(applied.path("result").path("rulesUpdated").toString()).contains("cam-a");
            assertThat(applied.path("result").path("restarted")).isEmpty();

            String otherAgent = newRules.replace("agentId: edge-" + run, "agentId: someone-else");
            JsonNode refused = ask(hub, cmdTopic, replies, JSON.writeValueAsString(Map.of("schemaVersion", 1, "commandId", "c6",
                    "type", "APPLY_CONFIG", "args", Map.of("yaml", otherAgent), "sentAt", "2026-11-25T08:00:00Z")));
            assertThat(refused.path("error").asText()).contains("agentId").contains("restart");

            // hot reload: a second camera appears in the file and starts without a restart
            Files.writeString(file, Files.readString(file) + camera("cam-b", clip, 4));
            long deadline = System.currentTimeMillis() + 15_000;
            while (!agent.cameraStats().containsKey("cam-b") && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertThat(agent.cameraStats()).containsKeys("cam-a", "cam-b");

            // a typo in the file is refused and the running config stays
            Files.writeString(file, Files.readString(file).replace("loop: true", "lopp: true"));
            Thread.sleep(2000);
            assertThat(agent.cameraStats()).containsKeys("cam-a", "cam-b");

            // /healthz and /metrics
            JsonNode health = health(agent);
            assertThat(health.path("outboxDepth").asInt()).isZero();
            String metrics = get("http://127.0.0.1:" + agent.httpPort() + "/metrics").body();
            assertThat(metrics).contains("gridsense_camera_frames_received_total{camera=\"cam-a\"}")
                    .contains("gridsense_outbox_depth").contains("gridsense_alert_publish_seconds");
        } finally {
            hub.disconnect();
            hub.close();
        }
    }

    @Test
    void wrongMqttPasswordIsOneClearLineAndTheAgentStaysUp() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path pw = dir.resolve("passwd");
        Process p = new ProcessBuilder("mosquitto_passwd", "-b", "-c", pw.toString(), "edge", "right-password").start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
        try (MosquittoProcess broker = new MosquittoProcess(dir.resolve("mq"), List.of("allow_anonymous false", "password_file " + pw))) {
            broker.start();
            Path clip = dir.resolve("empty.mp4");
            SceneVideo.write(DemoScene.EMPTY, 1, clip, 320, 180, 10, Duration.ofSeconds(3));
            Path file = dir.resolve("agent.yaml");
            Files.writeString(file, yaml(run, broker.uri(), "  username: edge\n  password: wrong-password", camera("cam-a", clip, 4)));
            try (EdgeAgent agent = EdgeAgent.start(AgentConfigLoader.load(file), file)) {
                JsonNode h = awaitHealth(agent, x -> x.has("mqttError"));
                assertThat(h.path("mqtt").asText()).isEqualTo("DOWN");
                assertThat(h.path("mqttError").asText()).startsWith("not authorised: check the MQTT user name and password");
                assertThat(h.path("cameras").asInt()).isEqualTo(1); // analysis goes on
            }
        }
    }

    @Test
    void aBrokerCertificateThatDoesNotMatchIsOneClearLine() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path tls = Files.createDirectories(dir.resolve("tls"));
        // a CA, and a broker certificate it signed for another host name than the one the agent dials
        sh(tls, "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=gridsense-test-ca");
        sh(tls, "openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=broker.elsewhere.example");
        sh(tls, "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2");
        int tlsPort = MosquittoProcess.freePort();
        try (MosquittoProcess broker = new MosquittoProcess(dir.resolve("mq"), List.of(
                "listener " + tlsPort + " 127.0.0.1", "cafile " + tls.resolve("ca.pem"), "certfile " + tls.resolve("server.pem"),
                "keyfile " + tls.resolve("server.key")))) {
            broker.start();
            Path clip = dir.resolve("empty.mp4");
            SceneVideo.write(DemoScene.EMPTY, 1, clip, 320, 180, 10, Duration.ofSeconds(3));
            Path file = dir.resolve("agent.yaml");
            Files.writeString(file, yaml(run, "ssl://127.0.0.1:" + tlsPort, "  caFile: " + tls.resolve("ca.pem"), camera("cam-a", clip, 4)));
            try (EdgeAgent agent = EdgeAgent.start(AgentConfigLoader.load(file), file)) {
                JsonNode h = awaitHealth(agent, x -> x.has("mqttError"));
                assertThat(h.path("mqttError").asText()).startsWith("TLS handshake failed");
            }
        }
    }

    @Test
    void aConfigWithATypoRefusesToStartWithTheLineAndField() throws Exception {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, yaml("x", "tcp://127.0.0.1:1883", "", camera("cam-a", dir.resolve("none.mp4"), 4))
                .replace("statusIntervalSeconds", "statusIntervalSecs"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(new java.io.PrintWriter(err, true));
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = cli.execute("agent", "--config", file.toString());
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 13").contains("unknown field \"statusIntervalSecs\"");
    }

    private JsonNode ask(MqttClient hub, String topic, BlockingQueue<JsonNode> replies, String payload) throws Exception {
        hub.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, false, null));
        JsonNode r = replies.poll(15, TimeUnit.SECONDS);
        assertThat(r).as("a reply to " + payload).isNotNull();
        return r;
    }

    private JsonNode health(EdgeAgent agent) throws Exception {
        return JSON.readTree(get("http://127.0.0.1:" + agent.httpPort() + "/healthz").body());
    }

    private JsonNode awaitHealth(EdgeAgent agent, java.util.function.Predicate<JsonNode> done) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        JsonNode h = health(agent);
        while (!done.test(h) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            h = health(agent);
        }
        assertThat(done.test(h)).as("health: " + h).isTrue();
        return h;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void sh(Path dir, String cmd) throws Exception {
        Process p = new ProcessBuilder(List.of(cmd.split(" "))).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(cmd + ": " + out).isTrue();
    }

    private static int freePort() {
        try {
            return MosquittoProcess.freePort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
