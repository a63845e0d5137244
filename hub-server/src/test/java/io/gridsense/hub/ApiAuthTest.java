package io.gridsense.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridsense.hub.access.Role;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.Topic;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may call what: 401 without a valid token, 403 for the wrong role or someone else's data. */
class ApiAuthTest {

    static HubHarness h;
    static String operator;
    static String agent;
    static String w01;
    static String w10;
    static String incidentId;
    static Alert alert;

    @BeforeAll
    static void start() throws Exception {
        h = new HubHarness();
        operator = h.token("op-1", Role.OPERATOR);
        agent = h.token("agent-1", Role.AGENT);
        w01 = h.token("w-01", Role.WORKER);   // owner of the SW grid: pushed
        w10 = h.token("w-10", Role.WORKER);   // NE grid, far away: not pushed
        alert = TestData.alert("A" + h.run + "-AUTH", h.site, "agent-1", "cam-auth-" + h.run, AlertType.FIGHT,
                Instant.now(), 3, TestData.SW);
        h.publish(Topic.alerts(h.site, "agent-1").path(), h.codec.encode(alert));
        HubHarness.await("incident created", () -> incidentFor(alert.cameraId()) != null);
        incidentId = incidentFor(alert.cameraId());
    }

    private static String incidentFor(String camera) {
        try {
            for (JsonNode i : h.json(h.get("/api/incidents?limit=1000", operator))) {
                if (i.path("cameraId").asText().equals(camera)) {
                    return i.path("id").asText();
                }
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @Test
    void healthNeedsNoToken() throws Exception {
        HttpResponse<String> r = h.get("/api/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(h.json(r).path("status").asText()).isEqualTo("UP");
        assertThat(h.json(r).path("db").asText()).isEqualTo("UP");
        assertThat(h.json(r).path("mqtt").asText()).isEqualTo("UP");
    }

    @Test
    void everyOtherRouteNeedsAValidToken() throws Exception {
        for (String path : new String[] {"/api/cameras", "/api/alerts", "/api/incidents", "/api/grids", "/api/workers",
                "/api/dead-letters", "/api/incidents/" + incidentId}) {
            HttpResponse<String> r = h.get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.body()).doesNotContain("\n").contains("\"error\"");
            assertThat(h.get(path, "forged.token").statusCode()).as(path).isEqualTo(401);
        }
        assertThat(h.send("POST", "/api/incidents/" + incidentId + "/accept", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void tokenInTheQueryWorksToo() throws Exception {
        assertThat(h.get("/api/grids?token=" + operator, null).statusCode()).isEqualTo(200);
    }

    @Test
    void operatorReadsEverything() throws Exception {
        for (String path : new String[] {"/api/cameras", "/api/alerts?limit=5", "/api/incidents", "/api/grids",
                "/api/workers", "/api/dead-letters", "/api/incidents/" + incidentId, "/api/workers/w-01/pushes"}) {
            assertThat(h.get(path, operator).statusCode()).as(path).isEqualTo(200);
        }
        JsonNode grids = h.json(h.get("/api/grids", operator));
        assertThat(grids.findValuesAsText("code")).contains("330106001001-01");
        assertThat(grids.get(0).path("geometry").path("type").asText()).isEqualTo("Polygon");
        JsonNode detail = h.json(h.get("/api/incidents/" + incidentId, operator));
        assertThat(detail.path("events").get(0).path("action").asText()).isEqualTo("CREATED");
    }

    @Test
    void workerSeesOnlyIncidentsPushedToThem() throws Exception {
        assertThat(h.get("/api/incidents/" + incidentId, w01).statusCode()).isEqualTo(200);
        HttpResponse<String> other = h.get("/api/incidents/" + incidentId, w10);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(h.json(other).path("error").asText()).contains("not pushed");
        assertThat(h.json(h.get("/api/incidents", w10)).findValuesAsText("id")).doesNotContain(incidentId);
        assertThat(h.json(h.get("/api/incidents", w01)).findValuesAsText("id")).contains(incidentId);
        assertThat(h.get("/api/workers/w-01/pushes", w01).statusCode()).isEqualTo(200);
        assertThat(h.get("/api/workers/w-01/pushes", w10).statusCode()).isEqualTo(403);
        for (String path : new String[] {"/api/cameras", "/api/alerts", "/api/grids", "/api/workers", "/api/dead-letters"}) {
            assertThat(h.get(path, w01).statusCode()).as(path).isEqualTo(403);
        }
    }

    @Test
    void agentMayOnlyUpload() throws Exception {
        for (String path : new String[] {"/api/cameras", "/api/incidents", "/api/incidents/" + incidentId,
                "/api/evidence/" + alert.alertId() + "/snapshot.jpg"}) {
            assertThat(h.get(path, agent).statusCode()).as(path).isEqualTo(403);
        }
        assertThat(h.send("POST", "/api/incidents/" + incidentId + "/accept", agent, null).statusCode()).isEqualTo(403);
    }

    @Test
    void evidenceUploadAndRead() throws Exception {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, (byte) 0xFF, (byte) 0xD9};
        String path = "/api/evidence/" + alert.alertId() + "/snapshot.jpg";
        assertThat(h.send("PUT", path, operator, jpeg).statusCode()).isEqualTo(403);
        assertThat(h.send("PUT", path, null, jpeg).statusCode()).isEqualTo(401);
        assertThat(h.send("PUT", path, agent, "not a jpeg".getBytes()).statusCode()).isEqualTo(415);
        byte[] big = Arrays.copyOf(jpeg, 2 * 1024 * 1024 + 1);
        assertThat(h.send("PUT", path, agent, big).statusCode()).isEqualTo(413);
        assertThat(h.send("PUT", path, agent, jpeg).statusCode()).isEqualTo(201);

        HttpResponse<byte[]> got = h.getBytes(path, operator);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(got.body()).isEqualTo(jpeg);
        assertThat(h.getBytes(path, w01).statusCode()).isEqualTo(200);
        assertThat(h.getBytes(path, w10).statusCode()).isEqualTo(403);

        String tile = "/api/cameras/" + alert.cameraId() + "/snapshot.jpg";
        assertThat(h.getBytes(tile, operator).statusCode()).isEqualTo(404);
        assertThat(h.send("PUT", tile, agent, jpeg).statusCode()).isEqualTo(201);
        assertThat(h.getBytes(tile, operator).body()).isEqualTo(jpeg);
        assertThat(h.getBytes(tile, w01).statusCode()).isEqualTo(403);
    }

    @Test
    void acceptAndAckFollowOwnership() throws Exception {
        Alert second = TestData.alert("A" + h.run + "-ACPT", h.site, "agent-1", "cam-acpt-" + h.run, AlertType.GATHERING,
                Instant.now(), 9, TestData.SW);
        h.publish(Topic.alerts(h.site, "agent-1").path(), h.codec.encode(second));
        HubHarness.await("incident created", () -> incidentFor(second.cameraId()) != null);
        String id = incidentFor(second.cameraId());

        assertThat(h.send("POST", "/api/incidents/" + id + "/accept", w10, null).statusCode()).isEqualTo(403);
        HttpResponse<String> ok = h.send("POST", "/api/incidents/" + id + "/accept", w01, null);
        assertThat(ok.statusCode()).isEqualTo(200);
        // a gridworker's accept takes the case: accepted and dispatched to them, with a deadline
        assertThat(h.json(ok).path("state").asText()).isEqualTo("DISPATCHED");
        assertThat(h.json(ok).path("acceptedBy").asText()).isEqualTo("worker:w-01");
        assertThat(h.json(ok).path("loop").path("assignee").asText()).isEqualTo("w-01");
        assertThat(h.send("POST", "/api/incidents/" + id + "/accept", operator, null).statusCode()).isEqualTo(409);
        assertThat(h.send("POST", "/api/incidents/INC-NONE/accept", operator, null).statusCode()).isEqualTo(404);

        JsonNode pushes = h.json(h.get("/api/workers/w-01/pushes", w01));
        JsonNode mine = StreamSupport.stream(pushes.spliterator(), false)
                .filter(p -> p.path("push").path("incidentId").asText().equals(id)).findFirst().orElseThrow();
        assertThat(mine.path("push").path("ackedAt").isNull()).as("accepting acknowledges the push").isFalse();
        assertThat(mine.path("incident").path("state").asText()).isEqualTo("DISPATCHED");
        String pushId = mine.path("push").path("pushId").asText();
        assertThat(h.send("POST", "/api/pushes/" + pushId + "/ack", w10, null).statusCode()).isEqualTo(403);
        assertThat(h.send("POST", "/api/pushes/" + pushId + "/ack", w01, null).statusCode()).isEqualTo(200);
        assertThat(h.send("POST", "/api/pushes/P-none/ack", w01, null).statusCode()).isEqualTo(404);
    }

    @Test
    void socketsCheckTheirToken() throws Exception {
        assertThat(h.get("/ws/board", null).statusCode()).isEqualTo(401);
        assertThat(h.get("/ws/board?token=" + w01, null).statusCode()).isEqualTo(403);
        assertThat(h.get("/ws/worker/w-01?token=" + w10, null).statusCode()).isEqualTo(403);
    }

    @Test
    void pagesAreServed() throws Exception {
        HttpResponse<String> board = h.get("/?token=" + operator, null);
        assertThat(board.statusCode()).isEqualTo(200);
        assertThat(board.body()).contains("<svg").doesNotContain("http://", "https://");
        HttpResponse<String> worker = h.get("/worker/w-01?token=" + w01, null);
        assertThat(worker.statusCode()).isEqualTo(200);
        assertThat(worker.body()).contains("worker.js").doesNotContain("http://", "https://");
        HttpResponse<String> js = h.get("/static/worker.js", null);
        assertThat(js.body()).contains("/ws/worker/").doesNotContain("http://", "https://");
        assertThat(h.get("/static/board.js", null).body()).contains("/ws/board").doesNotContain("https://");
    }
}
