package io.gridsense.deploy;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.gridsense.agent.EdgeAgent;
import io.gridsense.agent.config.AgentConfig;
import io.gridsense.agent.config.CameraConfig;
import io.gridsense.analytics.rules.FightRule;
import io.gridsense.analytics.rules.GatheringRule;
import io.gridsense.analytics.rules.RuleSet;
import io.gridsense.analytics.scene.DemoScene;
import io.gridsense.analytics.scene.SceneVideo;
import io.gridsense.deploy.demo.DemoDistrict;
import io.gridsense.hub.HubConfig;
import io.gridsense.hub.HubServer;
import io.gridsense.hub.access.Role;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton on real parts: rendered video decoded by FFmpeg, HOG detection, the gathering rule,
 * Paho over the machine's Mosquitto (127.0.0.1:1883), the hub on H2, point-in-polygon, and a WebSocket
 * client standing in for the nearest gridworker's phone. Then the pages are opened in headless Chromium with
 * Playwright.
 */
class EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void gatheringSceneBecomesOneIncidentInItsGridPushedToTheNearestWorker() throws Exception {
        assertThat(listening(1883)).as("the machine's Mosquitto must listen on 127.0.0.1:1883 (see .ci/run)").isTrue();
        String run = UUID.randomUUID().toString().substring(0, 8);

        Path gatherClip = dir.resolve("gathering.mp4");
        Path emptyClip = dir.resolve("empty.mp4");
        SceneVideo.write(DemoScene.GATHERING, 7, gatherClip, 640, 360, 10, Duration.ofSeconds(30));
        SceneVideo.write(DemoScene.EMPTY, 8, emptyClip, 640, 360, 10, Duration.ofSeconds(30));

        HubConfig hubConfig = HubConfig.defaults(dir.resolve("hub"))
                .withMqtt("tcp://127.0.0.1:1883", null, null, "e2e-hub-" + run, "e2e-" + run, Duration.ofMinutes(5))
                .withHttp("127.0.0.1", 0);
        try (HubServer hub = HubServer.start(hubConfig)) {
            try (InputStream district = DemoDistrict.open()) {
                hub.seedDistrict(district);
            }
            String base = "http://127.0.0.1:" + hub.httpPort();
            String operator = hub.tokens().issue("e2e-operator", Role.OPERATOR, Duration.ofHours(1));

            DemoDistrict.DemoCamera plaza = DemoDistrict.CAMERAS.get(1);
            DemoDistrict.DemoCamera yard = DemoDistrict.CAMERAS.get(3);
            String nearest = DemoDistrict.nearestOnDutyWorker(plaza.location());
            List<JsonNode> pushes = new CopyOnWriteArrayList<>();
            String workerToken = hub.tokens().issue(nearest, Role.WORKER, Duration.ofHours(1));
            WebSocket ws = http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + hub.httpPort() + "/ws/worker/" + nearest + "?token=" + workerToken),
                            new Collector(pushes))
                    .get(10, TimeUnit.SECONDS);

            // the camera's grid, from the hub's own grid list
            String plazaGrid = gridContaining(base, operator, plaza.location().lat(), plaza.location().lon());

            RuleSet rules = new RuleSet(
                    new GatheringRule("gathering-e2e", List.of(), 4, Duration.ofSeconds(5), Duration.ofSeconds(20), 0.5),
                    new FightRule("fight-e2e", List.of(), Duration.ofSeconds(3), Duration.ofSeconds(20), 0.5));
            String site = "e2e" + run;
            AgentConfig agentConfig = new AgentConfig(site, "edge-" + run,
                    new AgentConfig.MqttSettings("tcp://127.0.0.1:1883", null, null, "e2e-edge-" + run),
                    new AgentConfig.HubSettings(URI.create(base), hub.tokens().issue("edge-" + run, Role.AGENT, Duration.ofHours(1))),
                    4, 2, dir.resolve("agent"), null, new AgentConfig.HttpSettings("127.0.0.1", 0), null, null, List.of(
                    new CameraConfig(plaza.id(), plaza.name(), gatherClip.toString(), true, plaza.location(), rules),
                    new CameraConfig(yard.id(), yard.name(), emptyClip.toString(), true, yard.location(), rules)));

            try (EdgeAgent agent = EdgeAgent.start(agentConfig)) {
                // the hub hears every site on the machine's broker: look only at this camera's incidents
                java.util.function.Predicate<JsonNode> plazaGathering = i -> "GATHERING".equals(i.path("type").asText())
                        && plaza.id().equals(i.path("cameraId").asText());
                JsonNode incident = await(Duration.ofSeconds(120), () -> incidents(base, operator),
                        list -> list.stream().anyMatch(plazaGathering))
                        .stream().filter(plazaGathering).findFirst().orElseThrow();
                assertThat(incident.path("gridCode").asText()).isEqualTo(plazaGrid);

                // the nearest on-duty worker's socket received the push for that incident
                await(Duration.ofSeconds(20), () -> pushes, list -> list.stream()
                        .anyMatch(p -> incident.path("id").asText().equals(p.path("incidentId").asText())));

                // the alert's evidence reaches the hub: the snapshot, and a clip remuxed from the stream's packets
                JsonNode firstAlert = get(base + "/api/alerts?limit=1000", operator).get(0);
                String alertId = firstAlert.path("alertId").asText(firstAlert.path("id").asText());
                await(Duration.ofSeconds(30), () -> status(base + "/api/evidence/" + alertId + "/clip.mp4", operator), s -> s == 200);
                assertThat(status(base + "/api/evidence/" + alertId + "/snapshot.jpg", operator)).isEqualTo(200);

                // let the clip loop on: more alerts of this camera merge into the same incident
                Thread.sleep(25_000);
                List<JsonNode> all = incidents(base, operator);
                assertThat(all.stream().filter(i -> plaza.id().equals(i.path("cameraId").asText()) && "GATHERING".equals(i.path("type").asText())))
                        .as("one GATHERING incident, not one per frame or per alert").hasSize(1);
                assertThat(all.stream().filter(i -> yard.id().equals(i.path("cameraId").asText())))
                        .as("the empty scene raises nothing").isEmpty();

                // the pages in headless Chromium (Playwright): the incident row and the camera's live tile on the
                // board, the case on the nearest worker's phone
                try (PageShots pages = PageShots.start()) {
                    String incidentId = incident.path("id").asText();
                    Page board = pages.desktop(base + "/?token=" + operator);
                    Locator row = board.locator("#row-" + incidentId);
                    assertThat(row).containsText(plaza.id());
                    assertThat(row).containsText("人员聚集 Gathering");
                    assertThat(board.locator("#tile-" + plaza.id() + " .name")).hasText(plaza.name());
                    // the tile shows the agent's latest frame (the board fetches one every 2 s)
                    board.waitForFunction("() => { const i = document.querySelector('#tile-" + plaza.id() + " img');"
                            + " return !!i && i.complete && i.naturalWidth > 0; }");
                    PageShots.screenshot(board, Paths.get("target", "screenshots", "board.png"));
                    Page phone = pages.phone(base + "/worker/" + nearest + "?token=" + workerToken);
                    Locator card = phone.locator("#case-" + incidentId);
                    assertThat(card).containsText("人员聚集 Gathering");
                    assertThat(card).containsText(incidentId);
                    PageShots.screenshot(phone, Paths.get("target", "screenshots", "worker.png"));
                    assertThat(pages.problems()).as("script errors and alerts on the pages").isEmpty();
                }
            } finally {
                ws.abort();
            }
        }
    }

    private String gridContaining(String base, String token, double lat, double lon) throws Exception {
        JsonNode grids = get(base + "/api/grids", token);
        for (JsonNode g : grids.isArray() ? grids : grids.path("grids")) {
            if ("grid".equalsIgnoreCase(g.path("level").asText()) && contains(g, lat, lon)) {
                return g.path("code").asText();
            }
        }
        throw new AssertionError("no grid of the demo district contains " + lat + "," + lon);
    }

    /** Bounding-box check of a grid's GeoJSON polygon: the demo grids are rectangles. */
    private static boolean contains(JsonNode grid, double lat, double lon) {
        JsonNode geom = grid.has("polygon") ? grid.get("polygon") : grid.path("geometry");
        if (geom.isTextual()) {
            try {
                geom = JSON.readTree(geom.asText());
            } catch (Exception e) {
                return false;
            }
        }
        JsonNode ring = geom.path("coordinates").path(0);
        double minLat = 90, maxLat = -90, minLon = 180, maxLon = -180;
        for (JsonNode p : ring) {
            minLon = Math.min(minLon, p.get(0).asDouble());
            maxLon = Math.max(maxLon, p.get(0).asDouble());
            minLat = Math.min(minLat, p.get(1).asDouble());
            maxLat = Math.max(maxLat, p.get(1).asDouble());
        }
        return ring.size() > 0 && lat > minLat && lat < maxLat && lon > minLon && lon < maxLon;
    }

    private List<JsonNode> incidents(String base, String token) {
        try {
            JsonNode body = get(base + "/api/incidents", token);
            List<JsonNode> out = new ArrayList<>();
            (body.isArray() ? body : body.path("incidents")).forEach(out::add);
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET " + url + " -> " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private int status(String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static <T> T await(Duration max, java.util.concurrent.Callable<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        T last = probe.call();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("not reached within " + max + "; last seen: " + last);
            }
            Thread.sleep(500);
            last = probe.call();
        }
        return last;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Collects the JSON text messages of a WebSocket, joining the parts the JDK client hands over (last = false). */
    private static final class Collector implements WebSocket.Listener {
        private final List<JsonNode> into;
        private final StringBuilder message = new StringBuilder();

        Collector(List<JsonNode> into) {
            this.into = into;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                try {
                    into.add(JSON.readTree(message.toString()));
                } catch (Exception e) {
                    // not JSON: not ours to judge here
                } finally {
                    message.setLength(0);
                }
            }
            ws.request(1);
            return null;
        }
    }
}
