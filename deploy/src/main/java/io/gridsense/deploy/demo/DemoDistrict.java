package io.gridsense.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridsense.analytics.scene.DemoScene;
import io.gridsense.hub.HubServer;
import io.gridsense.protocol.GeoPoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The demo district's facts that the launcher needs: where each demo camera stands (the centre of one of the
 * four grids) and which gridworker is nearest to a point, read from the hub's demo district file.
 */
public final class DemoDistrict {

    /** The resource the hub seeds the demo with. */
    public static final String RESOURCE = "/io/gridsense/hub/demo/demo-district.json";

    /** The demo cameras: id, name, scene and position (the centres of the four demo grids). */
    public record DemoCamera(String id, String name, DemoScene scene, GeoPoint location) {
    }

    public static final List<DemoCamera> CAMERAS = List.of(
            new DemoCamera("cam-walk", "西溪路步行街 Xixi Rd walkway", DemoScene.WALKING, new GeoPoint(30.27175, 120.152)),
            new DemoCamera("cam-plaza", "文化广场 Culture Plaza", DemoScene.GATHERING, new GeoPoint(30.27175, 120.156)),
            new DemoCamera("cam-market", "农贸市场门口 Market gate", DemoScene.FIGHT, new GeoPoint(30.27525, 120.152)),
            new DemoCamera("cam-yard", "小区后院 Back yard", DemoScene.EMPTY, new GeoPoint(30.27525, 120.156)));

    private DemoDistrict() {
    }

    public static InputStream open() {
        InputStream in = HubServer.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("the hub jar lacks " + RESOURCE);
        }
        return in;
    }

    /** The on-duty gridworker nearest to a point, for the printed phone-page URL. */
    public static String nearestOnDutyWorker(GeoPoint p) {
        try (InputStream in = open()) {
            JsonNode workers = new ObjectMapper().readTree(in).path("workers");
            Comparator<JsonNode> byDistance = Comparator.comparingDouble(w ->
                    Math.hypot(w.path("lat").asDouble() - p.lat(), (w.path("lon").asDouble() - p.lon()) * Math.cos(Math.toRadians(p.lat()))));
            return java.util.stream.StreamSupport.stream(workers.spliterator(), false)
                    .filter(w -> w.path("onDuty").asBoolean())
                    .min(byDistance)
                    .map(w -> w.path("id").asText())
                    .orElseThrow(() -> new IllegalStateException("the demo district has no on-duty worker"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Scene of each camera id. */
    public static Map<String, DemoScene> scenes() {
        return CAMERAS.stream().collect(java.util.stream.Collectors.toMap(DemoCamera::id, DemoCamera::scene));
    }
}
