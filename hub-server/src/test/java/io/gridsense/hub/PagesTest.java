package io.gridsense.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridsense.hub.access.Role;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.Topic;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pages in headless Chromium, clicked through as people would: the gridworker's phone takes a pushed case
 * (accept → arrive → feedback with a photo → done), the command-centre board filters and runs the loop
 * (accept → dispatch; verify → evaluate), the indicators page and the map with a trajectory. Screenshots go to
 * target/screenshots.
 */
class PagesTest {

    static final Path SHOTS = Paths.get("target", "screenshots");
    static HubHarness h;
    static String operator;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        h = new HubHarness();
        operator = h.token("op-pages", Role.OPERATOR);
        base = h.url("");
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @Test
    void theGridworkerPhoneRunsTheCaseAndTheBoardClosesIt() throws Exception {
        String cam = "cam-page-" + h.run;
        h.publish(Topic.alerts(h.site, "agent-p").path(), h.codec.encode(TestData.alert("A" + h.run + "-PG", h.site,
                "agent-p", cam, AlertType.FIGHT, Instant.now(), 4, TestData.SW)));
        HubHarness.await("incident", () -> incidentOf(cam) != null);
        String id = incidentOf(cam);
        Path photo = Files.createTempFile("feedback", ".jpg");
        BufferedImage img = new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 120, 60));
        g.fillRect(0, 0, 320, 180);
        g.dispose();
        ImageIO.write(img, "jpg", photo.toFile());

        try (Browser phone = new Browser(412, 915, true)) {
            phone.open(base + "/worker/w-01?token=" + h.token("w-01", Role.WORKER));
            phone.click("#accept-" + id);
            phone.click("#arrive-" + id);
            Browser.waitFor("the feedback form", () -> phone.exists("#note-" + id));
            phone.fill("#note-" + id, "人群已疏散 crowd dispersed, nobody hurt");
            phone.setFile("#photo-" + id, photo);
            phone.screenshot(SHOTS.resolve("worker-feedback.png"));
            phone.click("#feedback-" + id);
            Browser.waitFor("done", () -> phone.text().contains("已完成 Done"));
            phone.screenshot(SHOTS.resolve("worker-done.png"));
        }
        JsonNode handled = h.json(h.get("/api/incidents/" + id, operator));
        assertThat(handled.path("incident").path("state").asText()).isEqualTo("HANDLED");
        assertThat(handled.path("incident").path("loop").path("assignee").asText()).isEqualTo("w-01");
        String photoPath = handled.path("incident").path("loop").path("feedbackPhoto").asText();
        assertThat(photoPath).startsWith("/api/incidents/" + id + "/photos/");
        assertThat(h.getBytes(photoPath, operator).body()).isEqualTo(Files.readAllBytes(photo));

        // the board: filter on HANDLED, open the case, verify it, evaluate it
        try (Browser board = new Browser(1600, 1300, false)) {
            board.open(base + "/?token=" + operator);
            Browser.waitFor("the incident row", () -> board.exists("#row-" + id));
            board.fill("#f-state", "HANDLED");
            board.click("#f-apply");
            Browser.waitFor("the filtered board", () -> board.exists("#row-" + id)
                    && "1".equals(board.evalString("String(document.querySelectorAll('#incidents tr').length)")));
            board.click("#row-" + id);
            board.click("#act-verify");
            Browser.waitFor("closed", () -> board.text().contains("VERIFY"));
            board.click("#act-evaluate");
            Browser.waitFor("evaluated", () -> board.evalString("document.getElementById('d-title').textContent").contains("已评价"));
            board.screenshot(SHOTS.resolve("board-loop.png"));
            assertThat(board.text()).contains("ACCEPT", "DISPATCH", "ARRIVE", "FEEDBACK", "VERIFY", "EVALUATE", "worker:w-01");
        }
        assertThat(h.json(h.get("/api/incidents/" + id, operator)).path("incident").path("state").asText()).isEqualTo("EVALUATED");
    }

    @Test
    void theBoardAcceptsAndDispatchesAManualReport() throws Exception {
        String id = h.json(h.post("/api/incidents", operator, Map.of("type", "GATHERING", "category", "DISPUTE",
                "description", "邻里纠纷 neighbours quarrelling", "lat", TestData.NE.lat(), "lon", TestData.NE.lon()))).path("id").asText();
        try (Browser board = new Browser(1600, 1300, false)) {
            board.open(base + "/?token=" + operator);
            board.fill("#f-category", "DISPUTE");
            board.click("#f-apply");
            Browser.waitFor("the report on the board", () -> board.exists("#row-" + id));
            board.click("#row-" + id);
            board.click("#act-accept");
            Browser.waitFor("the dispatch button", () -> board.exists("#act-dispatch"));
            board.fill("#d-assignee", "w-10");
            board.click("#act-dispatch");
            Browser.waitFor("dispatched", () -> board.text().contains("to=w-10"));
            board.screenshot(SHOTS.resolve("board-dispatch.png"));
        }
        JsonNode i = h.json(h.get("/api/incidents/" + id, operator)).path("incident");
        assertThat(i.path("state").asText()).isEqualTo("DISPATCHED");
        assertThat(i.path("loop").path("assignee").asText()).isEqualTo("w-10");
    }

    @Test
    void indicatorsPageAndMapWithATrajectory() throws Exception {
        assertThat(h.post("/api/incidents", operator, Map.of("type", "FIGHT", "description", "for the indicators",
                "lat", TestData.SE.lat(), "lon", TestData.SE.lon())).statusCode()).isEqualTo(201);
        Instant now = Instant.now();
        List<Map<String, Object>> track = List.of(
                Map.of("lat", 30.2712, "lon", 120.1512, "at", now.minusSeconds(40).toString()),
                Map.of("lat", 30.2722, "lon", 120.1525, "at", now.minusSeconds(20).toString()),
                Map.of("lat", 30.2741, "lon", 120.1538, "at", now.toString()));
        assertThat(h.post("/api/workers/w-02/positions", h.token("w-02", Role.WORKER), Map.of("positions", track)).statusCode())
                .isEqualTo(200);
        try (Browser b = new Browser(1600, 1000, false)) {
            b.open(base + "/map?token=" + operator + "&worker=w-02");
            Browser.waitFor("the trajectory", () -> b.exists("#map polyline.track") && b.exists("#here"));
            assertThat(b.text()).contains("3 个轨迹点");
            b.fill("#slider", "0");
            b.screenshot(SHOTS.resolve("map-trajectory.png"));

            b.open(base + "/indicators?token=" + operator);
            Browser.waitFor("the indicator rows", () -> b.text().contains("合计 Total"));
            b.fill("#level", "street");
            b.click("#form button");
            Browser.waitFor("street rows", () -> b.text().contains("北山街道"));
            assertThat(b.evalString("document.getElementById('csv').href")).contains("/api/indicators.csv?level=street");
            b.screenshot(SHOTS.resolve("indicators.png"));
        }
    }

    private static String incidentOf(String camera) {
        try {
            for (JsonNode i : h.json(h.get("/api/incidents?limit=1000", operator))) {
                if (camera.equals(i.path("cameraId").asText())) {
                    return i.path("id").asText();
                }
            }
        } catch (Exception e) {
            return null;
        }
        return null;
    }
}
