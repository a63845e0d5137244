package io.gridsense.hub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridsense.hub.HubConfig;
import io.gridsense.hub.HubServer;
import io.gridsense.hub.MosquittoBroker;
import io.gridsense.hub.TestDatabases;
import io.gridsense.hub.access.Role;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.EvidenceRef;
import io.gridsense.protocol.GeoPoint;
import io.gridsense.protocol.NormPoint;
import io.gridsense.protocol.Topic;
import io.gridsense.protocol.WireCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

/**
 * Alert published on the machine's Mosquitto → push received on a gridworker's WebSocket, at 1,000 alerts/s:
 * a hub on PostgreSQL with the demo district, a WebSocket open for every on-duty gridworker, each alert from a
 * new camera (so each one makes an incident and pushes; a merge pushes nothing). Latency is publish → first
 * push of that alert on any socket. Per rate (alerts/s; 1,000 by default, e.g. {@code bench.sh push 100 500 1000} to find
 * the knee) a warm-up round and 3 measured rounds of 10 s.
 */
final class PushBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int SECONDS = 10;
    /** The publisher's "too many publishes in progress" answers in the current round (each costs Paho a message id). */
    private static final java.util.concurrent.atomic.AtomicInteger WINDOW_FULL = new java.util.concurrent.atomic.AtomicInteger();

    private PushBench() {
    }

    /** Runs the rounds at each rate (alerts/s), e.g. 100, 500 and 1,000, on one hub. */
    static void run(int... rates) throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Path dir = Files.createTempDirectory("pushbench");
        // BENCH_BROKER=own: a Mosquitto of the bench's own with the limits a hub's broker needs (the machine's keeps
        // max_inflight_messages 20, so at most 20 alerts are ever unacknowledged at the hub, and 1,000 queued)
        boolean own = "own".equals(System.getenv("BENCH_BROKER"));
        MosquittoBroker ownBroker = own ? MosquittoBroker.start(1_000_000, "max_inflight_messages 1000\n") : null;
        String broker = own ? ownBroker.uri() : "tcp://127.0.0.1:1883";
        System.out.println("push: broker " + (own ? "started by the bench, max_inflight_messages 1000" : "the machine's Mosquitto"));
        try (ownBroker; TestDatabases.TestDb pg = TestDatabases.postgres();
             HubServer hub = HubServer.start(HubConfig.defaults(dir).withDatabase(pg.url(), pg.user(), "")
                     .withMqtt(broker, null, null, "bench-hub-" + run, "", Duration.ofMinutes(5))
                     .withHttp("127.0.0.1", 0))) {
            hub.seedDemoDistrict();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!hub.mqttConnected() && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            Thread.sleep(500);
            Map<String, Long> published = new ConcurrentHashMap<>();
            Map<String, Long> received = new ConcurrentHashMap<>();
            // wall-clock epoch nanos, to compare with the push's sentAt (the hub's clock when it planned the push
            // inside the ingest transaction): publish → planned is broker, intake and batching; planned → received
            // is the commit, the delivery thread and the WebSocket
            Map<String, Long> publishedWall = new ConcurrentHashMap<>();
            Map<String, Long> planned = new ConcurrentHashMap<>();
            // the sockets' client shares the bench's JVM, hence the hub's two cores: the JDK client decodes text char by
            // char (a flight recording had its threads at a third of the JVM's samples, more than the hub's ingest);
            // Vert.x (Netty) is the default, BENCH_WS=jdk the JDK client the earlier runs used
            boolean jdk = "jdk".equals(System.getenv("BENCH_WS"));
            System.out.println("push: WebSocket clients " + (jdk ? "JDK HttpClient (BENCH_WS=jdk)" : "Vert.x"));
            HttpClient http = HttpClient.newHttpClient();
            io.vertx.core.Vertx clientVertx = io.vertx.core.Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
            io.vertx.core.http.HttpClient vertxHttp = clientVertx.createHttpClient();
            List<WebSocket> sockets = new ArrayList<>();
            for (String w : List.of("w-01", "w-02", "w-04", "w-05", "w-07", "w-08", "w-10", "w-11", "w-13", "w-14")) {
                String token = hub.tokens().issue(w, Role.WORKER, Duration.ofHours(1));
                String path = "/ws/worker/" + w + "?token=" + token;
                Listener listener = new Listener(received, planned);
                if (jdk) {
                    sockets.add(http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + hub.httpPort() + path),
                            listener).get(10, TimeUnit.SECONDS));
                } else {
                    // textMessageHandler hands over whole messages (Vert.x joins the frames), received on the event loop
                    vertxHttp.webSocket(hub.httpPort(), "127.0.0.1", path).toCompletionStage().toCompletableFuture()
                            .get(10, TimeUnit.SECONDS).textMessageHandler(text -> listener.message(text, System.nanoTime()));
                }
            }
            WireCodec codec = new WireCodec();
            // asynchronous: the blocking client waits for each PUBACK, which held the publisher to one alert per
            // broker round-trip (783–1,000/s on a busy machine) instead of the rate asked for
            MqttAsyncClient pub = new MqttAsyncClient(broker, "bench-pub-" + run, new MemoryPersistence());
            pub.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
            Random r = new Random(5);
            List<Double> p50 = new ArrayList<>();  // per rate
            List<Double> p99 = new ArrayList<>();
            for (int rate : rates) {
                p50.clear();
                p99.clear();
                for (int round = 0; round < 4; round++) {
                    List<String> ids = new ArrayList<>();
                    long start = System.nanoTime();
                    int n = rate * SECONDS;
                    for (int i = 0; i < n; i++) {
                        long due = start + i * 1_000_000_000L / rate;
                        long ahead = due - System.nanoTime();
                        if (ahead > 0) {
                            // sleep, not spin: a spinning publisher took one of the machine's two cores from the hub
                            java.util.concurrent.locks.LockSupport.parkNanos(ahead);
                        }
                        String id = String.format(Locale.ROOT, "PUSH-%s-%d-%d-%05d", run, rate, round, i);
                        Alert a = alert(id, "bench" + run, "agent-" + i % 20, "pcam-" + run + "-" + rate + "-" + round + "-" + i,
                                new GeoPoint(30.2702 + r.nextDouble() * 0.0066, 120.1502 + r.nextDouble() * 0.0076));
                        byte[] payload = codec.encode(a);
                        publishedWall.put(id, wallNanos());
                        published.put(id, System.nanoTime());
                        publish(pub, Topic.alerts("bench" + run, a.agentId()).path(), payload);
                        ids.add(id);
                    }
                    double sendSecs = (System.nanoTime() - start) / 1e9;
                    int windowFull = WINDOW_FULL.getAndSet(0);
                    long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (ids.stream().anyMatch(id -> !received.containsKey(id)) && System.nanoTime() < wait) {
                        Thread.sleep(100);
                    }
                    if (ids.stream().noneMatch(received::containsKey)) {
                        throw new IllegalStateException("no push received: is the hub subscribed?");
                    }
                    List<String> missing = ids.stream().filter(id -> !received.containsKey(id)).limit(5).toList();
                    if (!missing.isEmpty()) {
                        // to follow up in the hub's log (event=alert_stored alert=..., event=push_sent)
                        System.out.println("push: no push received for " + missing + (missing.size() == 5 ? " …" : ""));
                    }
                    long[] lat = ids.stream().filter(received::containsKey).mapToLong(id -> received.get(id) - published.get(id)).toArray();
                    System.out.printf(Locale.ROOT, "push: %d/s round %d: %d alerts sent at %.0f/s (publisher window full %d times), "
                            + "%d pushed; p50 %.1f ms, p99 %.1f ms, max %.1f ms%s%n",
                            rate, round, n, n / sendSecs, windowFull, lat.length, Stats.percentileMicros(lat, 50) / 1000,
                            Stats.percentileMicros(lat, 99) / 1000, Stats.percentileMicros(lat, 100) / 1000,
                            round == 0 ? " (warm-up, not counted)" : "");
                    long[] intake = ids.stream().filter(planned::containsKey)
                            .mapToLong(id -> planned.get(id) - publishedWall.get(id)).toArray();
                    long[] delivery = ids.stream().filter(id -> planned.containsKey(id) && received.containsKey(id))
                            .mapToLong(id -> received.get(id) - published.get(id) - (planned.get(id) - publishedWall.get(id)))
                            .toArray();
                    if (intake.length > 0) {
                        System.out.printf(Locale.ROOT, "push: %d/s round %d stages: publish→planned in the hub's transaction "
                                + "p50 %.1f ms, p99 %.1f ms; planned→WebSocket received p50 %.1f ms, p99 %.1f ms%n", rate, round,
                                Stats.percentileMicros(intake, 50) / 1000, Stats.percentileMicros(intake, 99) / 1000,
                                Stats.percentileMicros(delivery, 50) / 1000, Stats.percentileMicros(delivery, 99) / 1000);
                    }
                    if (round > 0) {
                        p50.add(Stats.percentileMicros(lat, 50) / 1000);
                        p99.add(Stats.percentileMicros(lat, 99) / 1000);
                    }
                }
                System.out.println("push: " + rate + "/s p50 " + Stats.summary(p50, "ms"));
                System.out.println("push: " + rate + "/s p99 " + Stats.summary(p99, "ms"));
            }
            pub.disconnect().waitForCompletion(5_000);
            pub.close();
            sockets.forEach(WebSocket::abort);
            clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Publishes at QoS 1, waiting while the broker's in-flight window is full. */
    private static void publish(MqttAsyncClient pub, String topic, byte[] payload) throws Exception {
        while (true) {
            try {
                pub.publish(topic, payload, 1, false);
                return;
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                if (e.getReasonCode() != 32202) {
                    throw e;
                }
                WINDOW_FULL.incrementAndGet();
                Thread.sleep(0, 200_000);
            }
        }
    }

    private static long wallNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static Alert alert(String id, String site, String agent, String camera, GeoPoint where) {
        Instant now = Instant.now();
        return new Alert(1, id, site, agent, camera, AlertType.FIGHT, now.minusSeconds(5), now, 0.9, 4,
                List.of(new NormPoint(0.1, 0.1), new NormPoint(0.6, 0.1), new NormPoint(0.6, 0.8)), where,
                List.of(new EvidenceRef(EvidenceRef.SNAPSHOT, "/api/evidence/" + id + "/snapshot.jpg")), "hog-1", "fight-1", "1");
    }

    /**
     * Notes when the first push of each alert arrives. The JDK client hands a message over in parts when it spans
     * network reads (last = false): the parts are joined before parsing, or such a push would look lost.
     */
    private static final class Listener implements WebSocket.Listener {
        private final Map<String, Long> received;
        private final Map<String, Long> planned;
        private final StringBuilder message = new StringBuilder();

        Listener(Map<String, Long> received, Map<String, Long> planned) {
            this.received = received;
            this.planned = planned;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            long now = System.nanoTime();
            message.append(data);
            if (last) {
                message(message.toString(), now);
                message.setLength(0);
            }
            ws.request(1);
            return null;
        }

        /** One whole message, received at {@code now} (System.nanoTime). */
        void message(String text, long now) {
            try {
                JsonNode m = JSON.readTree(text);
                if (m.hasNonNull("alertId")) {
                    String id = m.get("alertId").asText();
                    if (received.putIfAbsent(id, now) == null && m.hasNonNull("sentAt")) {
                        JsonNode at = m.get("sentAt");
                        Instant t = at.isTextual() ? Instant.parse(at.asText())
                                : Instant.ofEpochSecond(0, Math.round(at.asDouble() * 1e9));
                        planned.put(id, t.getEpochSecond() * 1_000_000_000L + t.getNano());
                    }
                }
            } catch (Exception e) {
                // not a push
            }
        }
    }
}
