package io.gridsense.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridsense.hub.access.Role;
import io.gridsense.protocol.WireCodec;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

/**
 * A real hub for end-to-end tests: H2 in memory, the machine's Mosquitto at 127.0.0.1:1883 (unique client id,
 * share group and site per run, short session expiry), HTTP on a free port, the demo district loaded.
 */
final class HubHarness implements AutoCloseable {

    static final String BROKER = "tcp://127.0.0.1:1883";

    final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final String site = "test" + run;
    final ObjectMapper mapper = WireCodec.newMapper();
    final WireCodec codec = new WireCodec();
    final TestDatabases.TestDb tdb = TestDatabases.h2();
    final Path dataDir;
    final HubServer hub;
    final MqttClient publisher;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Vertx vertx = Vertx.vertx();

    HubHarness() throws Exception {
        this(c -> c);
    }

    /** A harness whose config the test adjusts (a clock, a policy). */
    HubHarness(java.util.function.UnaryOperator<HubConfig> adjust) throws Exception {
        dataDir = Files.createTempDirectory("hubtest");
        HubConfig config = adjust.apply(HubConfig.defaults(dataDir)
                .withDatabase(tdb.url(), tdb.user(), tdb.password())
                .withMqtt(BROKER, null, null, "hub-test-" + run, "hubtest" + run, Duration.ofSeconds(30))
                .withHttp("127.0.0.1", 0)
                .withPolicy(HubPolicy.defaults().withBcryptCost(4)));
        hub = HubServer.start(config);
        hub.seedDemoDistrict();
        publisher = new MqttClient(BROKER, "pub-test-" + run, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        publisher.connect(o);
        await("hub connected to MQTT", hub::mqttConnected);
        Thread.sleep(300); // the subscription follows the connection by a round trip
    }

    String token(String subject, Role role) {
        return hub.tokens().issue(subject, role, Duration.ofMinutes(10));
    }

    String url(String path) {
        return "http://127.0.0.1:" + hub.httpPort() + path;
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> send(String method, String path, String token, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a JSON body (a Map or a record), e.g. a loop action. */
    HttpResponse<String> post(String path, String token, Object body) throws Exception {
        return send("POST", path, token, body == null ? null : mapper.writeValueAsBytes(body));
    }

    JsonNode json(HttpResponse<String> r) throws Exception {
        return mapper.readTree(r.body());
    }

    void publish(String topic, byte[] payload) throws Exception {
        publisher.publish(topic, payload, 1, false);
    }

    /**
     * Opens a hub WebSocket (the token in the query, as the pages do) and returns its messages once the hub says it has
     * registered the socket (the hello itself is not queued).
     */
    BlockingQueue<JsonNode> socket(String path, String token) throws Exception {
        BlockingQueue<JsonNode> q = new LinkedBlockingQueue<>();
        CompletableFuture<Void> registered = new CompletableFuture<>();
        // The handler is set on the event loop as the handshake completes: set later, from this thread, it can miss
        // the hello that the hub writes right after.
        vertx.createHttpClient().webSocket(new WebSocketConnectOptions().setHost("127.0.0.1")
                        .setPort(hub.httpPort()).setURI(path + "?token=" + token))
                .onSuccess(ws -> ws.textMessageHandler(t -> {
                    try {
                        JsonNode m = mapper.readTree(t);
                        if ("hello".equals(m.path("kind").asText())) {
                            registered.complete(null);
                        } else {
                            q.add(m);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        registered.get(10, TimeUnit.SECONDS);
        return q;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("timed out waiting for " + what).isTrue();
    }

    @Override
    public void close() throws Exception {
        try {
            publisher.disconnect();
            publisher.close();
        } finally {
            hub.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            tdb.close();
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
