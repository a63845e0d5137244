package io.gridsense.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridsense.hub.access.Role;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.Topic;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gridworker app's API (duty, positions, trajectory) and re-push on silence, with a hand-moved clock. */
class WorkerPushApiTest {

    static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static HubHarness h;
    static String operator;

    @BeforeAll
    static void start() throws Exception {
        // sweeps far apart: the test runs them itself after moving the clock
        h = new HubHarness(c -> c.withClock(CLOCK).withTuning(Duration.ofMinutes(10), 1500, 2)
                .withPolicy(c.policy().withPush(Duration.ofSeconds(30), 2).withSweep(Duration.ofHours(1))));
        operator = h.token("op-1", Role.OPERATOR);
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @Test
    void dutyPositionsAndTrajectoryPlayback() throws Exception {
        CLOCK.advance(Duration.ofMinutes(5)); // newer than the district file's positions: the newest position wins
        String w05 = h.token("w-05", Role.WORKER);
        Instant t0 = CLOCK.instant().minusSeconds(200);
        List<Map<String, Object>> track = List.of(
                Map.of("lat", 30.2729, "lon", 120.1548, "at", t0.toString()),
                Map.of("lat", 30.2731, "lon", 120.1550, "at", t0.plusSeconds(60).toString(), "accuracy", 8.5),
                Map.of("lat", 30.2733, "lon", 120.1552, "at", t0.plusSeconds(120).toString()));
        HttpResponse<String> r = h.post("/api/workers/w-05/positions", w05, Map.of("positions", track));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(h.json(r).path("worker").path("lat").asDouble()).isEqualTo(30.2733);
        assertThat(h.post("/api/workers/w-05/positions", w05, Map.of("lat", 30.2734, "lon", 120.1553)).statusCode()).isEqualTo(200);
        assertThat(h.post("/api/workers/w-04/positions", w05, Map.of("lat", 1, "lon", 1)).statusCode()).isEqualTo(403);
        assertThat(h.post("/api/workers/w-05/positions", w05, Map.of("lat", 91, "lon", 1)).statusCode()).isEqualTo(400);

        JsonNode all = h.json(h.get("/api/workers/w-05/trajectory", operator));
        assertThat(all.path("positions")).hasSize(4);
        assertThat(all.path("positions").get(1).path("accuracyMeters").asDouble()).isEqualTo(8.5);
        JsonNode window = h.json(h.get("/api/workers/w-05/trajectory?from=" + t0.plusSeconds(30) + "&to="
                + t0.plusSeconds(150), w05));
        assertThat(window.path("positions").findValuesAsText("lat")).containsExactly("30.2731", "30.2733");
        assertThat(h.get("/api/workers/w-05/trajectory", h.token("w-04", Role.WORKER)).statusCode()).isEqualTo(403);

        HttpResponse<String> off = h.send("PUT", "/api/workers/w-05/duty", w05, "{\"onDuty\":false}".getBytes());
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        assertThat(h.json(off).path("onDuty").asBoolean()).isFalse();
        assertThat(h.hub.workers().locator().nearest(30.2734, 120.1553, 10, 5, java.util.Set.of())).isEmpty();
        assertThat(h.post("/api/workers/w-05/duty", w05, Map.of("onDuty", true)).statusCode()).isEqualTo(200);
        assertThat(h.hub.workers().locator().nearest(30.2734, 120.1553, 10, 5, java.util.Set.of()))
                .extracting(n -> n.worker().id()).containsExactly("w-05");
    }

    @Test
    void silenceIsRePushedToTheNextNearestUntilSomeoneAnswers() throws Exception {
        String cam = "cam-silent-" + h.run;
        // NE grid: owners w-10, w-11 are also the two nearest; the next nearest gets each re-push
        BlockingQueue<JsonNode> w08 = h.socket("/ws/worker/w-08", h.token("w-08", Role.WORKER));
        h.publish(Topic.alerts(h.site, "agent-r").path(), h.codec.encode(TestData.alert("A" + h.run + "-SIL", h.site,
                "agent-r", cam, AlertType.FIGHT, CLOCK.instant(), 3, TestData.NE)));
        HubHarness.await("incident", () -> incidentOf(cam) != null);
        String id = incidentOf(cam);
        List<String> first = pushedTo(id);
        assertThat(first).containsExactlyInAnyOrder("w-10", "w-11");

        assertThat(h.hub.repush().sweep()).as("not silent long enough yet").isEmpty();
        CLOCK.advance(Duration.ofSeconds(31));
        var round1 = h.hub.repush().sweep();
        assertThat(round1).hasSize(1);
        assertThat(round1.get(0).reason()).isEqualTo("REPUSH");
        assertThat(first).doesNotContain(round1.get(0).workerId());
        assertThat(h.hub.repush().sweep()).as("the new push waits its own timeout").isEmpty();
        CLOCK.advance(Duration.ofSeconds(31));
        var round2 = h.hub.repush().sweep();
        assertThat(round2).hasSize(1);
        assertThat(pushedTo(id)).hasSize(4).doesNotHaveDuplicates();
        CLOCK.advance(Duration.ofSeconds(31));
        assertThat(h.hub.repush().sweep()).as("at most two rounds").isEmpty();
        if (List.of(round1.get(0).workerId(), round2.get(0).workerId()).contains("w-08")) {
            JsonNode m = w08.poll(5, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(m.path("reason").asText()).isEqualTo("REPUSH");
        }

        // an acknowledged incident is never re-pushed
        String cam2 = "cam-acked-" + h.run;
        h.publish(Topic.alerts(h.site, "agent-r").path(), h.codec.encode(TestData.alert("A" + h.run + "-ACK", h.site,
                "agent-r", cam2, AlertType.FIGHT, CLOCK.instant(), 3, TestData.SW)));
        HubHarness.await("incident", () -> incidentOf(cam2) != null);
        String id2 = incidentOf(cam2);
        JsonNode pushes = h.json(h.get("/api/workers/w-01/pushes", operator));
        String pushId = null;
        for (JsonNode p : pushes) {
            if (p.path("push").path("incidentId").asText().equals(id2)) {
                pushId = p.path("push").path("pushId").asText();
            }
        }
        assertThat(h.send("POST", "/api/pushes/" + pushId + "/ack", h.token("w-01", Role.WORKER), null).statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(31));
        assertThat(h.hub.repush().sweep()).noneMatch(p -> p.incidentId().equals(id2));
    }

    private static List<String> pushedTo(String incidentId) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode w : h.json(h.get("/api/workers", operator))) {
            for (JsonNode p : h.json(h.get("/api/workers/" + w.path("id").asText() + "/pushes", operator))) {
                if (p.path("push").path("incidentId").asText().equals(incidentId)) {
                    out.add(w.path("id").asText());
                }
            }
        }
        return out;
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
