package io.gridsense.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridsense.hub.access.Role;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The loop over HTTP with users, logins and grid scopes: two towns (streets) of one district, an operator for
 * each, a gridworker and a mediator. A town operator never reads or moves the other town's cases, and a
 * gridworker works their case but cannot close it.
 */
class LoopAccessApiTest {

    static final String TOWN1 = "330106001000";
    static final String TOWN2 = "330106002000";
    static HubHarness h;
    static String admin;
    static String town1;
    static String town2;
    static String worker;

    @BeforeAll
    static void start() throws Exception {
        h = new HubHarness();
        try (InputStream in = LoopAccessApiTest.class.getResourceAsStream("/io/gridsense/hub/second-street.json")) {
            h.hub.seedDistrict(in);
        }
        admin = h.token("root", Role.ADMIN);
        save("town1-op", "OPERATOR", TOWN1, "TOWN");
        save("town2-op", "OPERATOR", TOWN2, "TOWN");
        save("w-01", "WORKER", "330106001001-01", null);
        save("med-1", "MEDIATOR", TOWN2, "TOWN");
        town1 = login("town1-op");
        town2 = login("town2-op");
        worker = login("w-01");
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    private static void save(String user, String role, String scope, String level) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("username", user, "password", "pw-" + user + "-secret",
                "role", role));
        if (scope != null) {
            body.put("scope", scope);
        }
        if (level != null) {
            body.put("level", level);
        }
        HttpResponse<String> r = h.post("/api/users", admin, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static String login(String user) throws Exception {
        HttpResponse<String> r = h.post("/api/login", null, Map.of("username", user, "password", "pw-" + user + "-secret"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return h.json(r).path("token").asText();
    }

    private static JsonNode report(String token, double lat, double lon, String what) throws Exception {
        HttpResponse<String> r = h.post("/api/incidents", token, Map.of("type", "GATHERING", "description", what,
                "lat", lat, "lon", lon));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return h.json(r);
    }

    @Test
    void aTownOperatorNeverSeesAnotherTownsIncidents() throws Exception {
        String inTown1 = report(admin, TestData.SW.lat(), TestData.SW.lon(), "crowd at the west gate").path("id").asText();
        String inTown2 = report(admin, 30.27, 120.17, "crowd at Yuquan").path("id").asText();

        assertThat(h.json(h.get("/api/incidents", town1)).findValuesAsText("id")).contains(inTown1).doesNotContain(inTown2);
        assertThat(h.json(h.get("/api/incidents", town2)).findValuesAsText("id")).contains(inTown2).doesNotContain(inTown1);
        assertThat(h.get("/api/incidents/" + inTown2, town1).statusCode()).isEqualTo(403);
        assertThat(h.get("/api/incidents/" + inTown1, town1).statusCode()).isEqualTo(200);
        assertThat(h.post("/api/incidents/" + inTown2 + "/accept", town1, null).statusCode()).isEqualTo(403);
        assertThat(h.post("/api/incidents/" + inTown2 + "/reject", town1, Map.of("note", "x")).statusCode()).isEqualTo(403);
        // nor through a filter, nor by reporting into it
        assertThat(h.json(h.get("/api/incidents?grid=330106002001-01", town1)).findValuesAsText("id")).doesNotContain(inTown2);
        assertThat(h.post("/api/incidents", town1, Map.of("type", "FIGHT", "description", "x", "lat", 30.27, "lon", 120.17))
                .statusCode()).isEqualTo(403);
        // their grids, workers, cameras and alerts are scoped too
        assertThat(h.json(h.get("/api/grids", town1)).findValuesAsText("code")).contains("330106001001-01", "330106000000")
                .doesNotContain("330106002001-01");
        assertThat(h.json(h.get("/api/workers", town1)).findValuesAsText("id")).contains("w-01").doesNotContain("w-21");
        assertThat(h.get("/api/dead-letters", town1).statusCode()).isEqualTo(403);
        // a mediator of town 2 reads there, moves nothing
        String med = login("med-1");
        assertThat(h.get("/api/incidents/" + inTown2, med).statusCode()).isEqualTo(200);
        assertThat(h.get("/api/incidents/" + inTown1, med).statusCode()).isEqualTo(403);
        assertThat(h.post("/api/incidents/" + inTown2 + "/accept", med, null).statusCode()).isEqualTo(403);
        // an unscoped operator token (the demo launcher's) still means the whole district
        String whole = h.token("demo-operator", Role.OPERATOR);
        assertThat(h.json(h.get("/api/incidents", whole)).findValuesAsText("id")).contains(inTown1, inTown2);
        // and the town-2 operator runs their own case
        assertThat(h.post("/api/incidents/" + inTown2 + "/accept", town2, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aGridworkerWorksTheirCaseButCannotCloseIt() throws Exception {
        JsonNode mine = report(worker, TestData.SW.lat(), TestData.SW.lon(), "two men shouting");
        String id = mine.path("id").asText();
        assertThat(mine.path("loop").path("reportedBy").asText()).isEqualTo("worker:w-01");
        assertThat(h.post("/api/incidents/" + id + "/accept", worker, null).statusCode()).as("not pushed to them").isEqualTo(403);
        assertThat(h.post("/api/incidents/" + id + "/accept", town1, null).statusCode()).isEqualTo(200);
        assertThat(h.post("/api/incidents/" + id + "/dispatch", worker, Map.of("assignee", "w-01")).statusCode()).isEqualTo(403);
        HttpResponse<String> d = h.post("/api/incidents/" + id + "/dispatch", town1, Map.of("assignee", "w-01"));
        assertThat(d.statusCode()).as(d.body()).isEqualTo(200);
        assertThat(h.json(d).path("loop").path("deadlineAt").isTextual()).isTrue();

        assertThat(h.post("/api/incidents/" + id + "/arrive", worker, null).statusCode()).isEqualTo(200);
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 9, 9, (byte) 0xFF, (byte) 0xD9};
        HttpResponse<String> photo = h.send("POST", "/api/incidents/" + id + "/photos", worker, jpeg);
        assertThat(photo.statusCode()).as(photo.body()).isEqualTo(201);
        String photoPath = h.json(photo).path("photo").asText();
        assertThat(h.getBytes(photoPath, town1).body()).isEqualTo(jpeg);
        assertThat(h.getBytes(photoPath, town2).statusCode()).isEqualTo(403);
        HttpResponse<String> fb = h.post("/api/incidents/" + id + "/feedback", worker, Map.of("note", "dispersed, no injuries",
                "evidence", photoPath));
        assertThat(fb.statusCode()).as(fb.body()).isEqualTo(200);
        assertThat(h.json(fb).path("state").asText()).isEqualTo("HANDLED");

        HttpResponse<String> close = h.post("/api/incidents/" + id + "/verify", worker, null);
        assertThat(close.statusCode()).isEqualTo(403);
        assertThat(h.json(close).path("error").asText()).contains("WORKER may not verify");
        assertThat(h.post("/api/incidents/" + id + "/evaluate", worker, Map.of("rating", 5)).statusCode()).isEqualTo(403);
        assertThat(h.post("/api/incidents/" + id + "/verify", town2, null).statusCode()).as("other town").isEqualTo(403);
        assertThat(h.post("/api/incidents/" + id + "/verify", town1, null).statusCode()).isEqualTo(200);
        assertThat(h.post("/api/incidents/" + id + "/verify", town1, null).statusCode()).as("twice").isEqualTo(409);
        assertThat(h.post("/api/incidents/" + id + "/evaluate", town1, Map.of("rating", 5)).statusCode()).isEqualTo(200);

        JsonNode detail = h.json(h.get("/api/incidents/" + id, town1));
        assertThat(detail.path("incident").path("state").asText()).isEqualTo("EVALUATED");
        assertThat(detail.path("events").findValuesAsText("action")).containsExactly("REPORTED", "ACCEPT", "DISPATCH",
                "ARRIVE", "FEEDBACK", "VERIFY", "EVALUATE");
        assertThat(detail.path("events").get(4).path("evidence").asText()).isEqualTo(photoPath);
        assertThat(detail.path("events").get(5).path("actor").asText()).isEqualTo("operator:town1-op");
    }

    @Test
    void falseAlarmsAreExportedForTraining() throws Exception {
        h.publish(io.gridsense.protocol.Topic.alerts(h.site, "agent-fa").path(), h.codec.encode(TestData.alert(
                "A" + h.run + "-FA", h.site, "agent-fa", "cam-fa-" + h.run, io.gridsense.protocol.AlertType.FIGHT,
                java.time.Instant.now(), 2, TestData.NW)));
        HubHarness.await("incident of the false alarm", () -> incidentOf("cam-fa-" + h.run) != null);
        String id = incidentOf("cam-fa-" + h.run);
        assertThat(h.post("/api/incidents/" + id + "/reject", town1, Map.of("note", "a dance rehearsal")).statusCode())
                .isEqualTo(200);
        assertThat(h.get("/api/training/false-alarms", town1).statusCode()).isEqualTo(403);
        JsonNode samples = h.json(h.get("/api/training/false-alarms?after=0", admin));
        JsonNode s = samples.get(samples.size() - 1);
        assertThat(s.path("alertId").asText()).isEqualTo("A" + h.run + "-FA");
        assertThat(s.path("label").asText()).isEqualTo("FALSE_ALARM");
        assertThat(s.path("note").asText()).isEqualTo("a dance rehearsal");
        assertThat(s.path("alertJson").asText()).contains("\"modelVersion\"");
        assertThat(h.json(h.get("/api/training/false-alarms?after=" + s.path("id").asLong(), admin))).isEmpty();
    }

    private static String incidentOf(String camera) {
        try {
            for (JsonNode i : h.json(h.get("/api/incidents?limit=1000", admin))) {
                if (camera.equals(i.path("cameraId").asText())) {
                    return i.path("id").asText();
                }
            }
        } catch (Exception e) {
            return null;
        }
        return null;
    }

    @Test
    void indicatorsAreScopedAndExportedAsCsv() throws Exception {
        report(admin, 30.27, 120.17, "town 2 case for the indicators");
        HttpResponse<String> csv = h.get("/api/indicators.csv?level=street", town2);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).contains("grid_code,grid_name,level,total").contains(TOWN2).doesNotContain(TOWN1);
        JsonNode json = h.json(h.get("/api/indicators?level=street&from=2020-01-01", admin));
        assertThat(json.findValuesAsText("gridCode")).contains(TOWN2, "ALL");
        assertThat(h.get("/api/indicators", worker).statusCode()).isEqualTo(403);
        assertThat(h.get("/api/indicators?level=planet", admin).statusCode()).isEqualTo(400);
    }

    @Test
    void loginsAreThrottledAndNeverSayWhichPartWasWrong() throws Exception {
        assertThat(h.post("/api/login", null, Map.of("username", "nobody", "password", "whatever-1")).statusCode()).isEqualTo(401);
        for (int k = 0; k < 5; k++) {
            HttpResponse<String> r = h.post("/api/login", null, Map.of("username", "town2-op", "password", "wrong-" + k));
            assertThat(r.statusCode()).isIn(401, 429);
        }
        HttpResponse<String> blocked = h.post("/api/login", null, Map.of("username", "town2-op", "password", "pw-town2-op-secret"));
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
        assertThat(h.get("/api/users", town1).statusCode()).isEqualTo(403);
        JsonNode me = h.json(h.get("/api/me", town1));
        assertThat(me.path("scope").asText()).isEqualTo(TOWN1);
        assertThat(me.path("role").asText()).isEqualTo("OPERATOR");
    }
}
