package io.gridsense.hub.camera;

import io.gridsense.hub.HubEvents;
import io.gridsense.hub.db.Database;
import io.gridsense.hub.grid.Grid;
import io.gridsense.hub.grid.GridDirectory;
import io.gridsense.protocol.AgentStatus;
import io.gridsense.protocol.CameraStatus;
import io.gridsense.protocol.Topic;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies camera and agent status messages to the cameras table and tells the boards. */
public final class CameraStatusService {

    private static final Logger log = LoggerFactory.getLogger(CameraStatusService.class);

    private final Database db;
    private final CameraRepository cameras;
    private final GridDirectory grids;
    private final HubEvents events;
    private final Clock clock;

    public CameraStatusService(Database db, CameraRepository cameras, GridDirectory grids, HubEvents events, Clock clock) {
        this.db = db;
        this.cameras = cameras;
        this.grids = grids;
        this.events = events;
        this.clock = clock;
    }

    /** Stores a camera status; the grid follows from the reported location by point-in-polygon. */
    public void apply(Topic topic, CameraStatus s, String json) {
        Double lat = s.location() == null ? null : s.location().lat();
        Double lon = s.location() == null ? null : s.location().lon();
        String grid = s.location() == null ? null
                : grids.locate(s.location().lat(), s.location().lon()).map(Grid::code).orElse(null);
        Optional<Camera> cam = db.tx(c -> {
            cameras.ensure(c, s.cameraId(), s.agentId(), topic.site(), lat, lon, grid, clock.instant());
            cameras.updateStatus(c, s.cameraId(), s.agentId(), s.name(), lat, lon, grid, s.online(), json, clock.instant());
            return cameras.find(c, s.cameraId());
        });
        log.info("event=camera_status camera={} agent={} online={} grid={}", s.cameraId(), s.agentId(), s.online(), grid);
        cam.ifPresent(events::cameraChanged);
    }

    /** An agent that went offline takes its cameras with it. */
    public void apply(Topic topic, AgentStatus s) {
        log.info("event=agent_status agent={} site={} online={} version={}", s.agentId(), s.site(), s.online(), s.version());
        if (s.online()) {
            return;
        }
        List<Camera> changed = db.tx(c -> {
            List<String> ids = cameras.markAgentOffline(c, s.agentId(), clock.instant());
            List<Camera> out = new java.util.ArrayList<>();
            for (String id : ids) {
                cameras.find(c, id).ifPresent(out::add);
            }
            return out;
        });
        changed.forEach(events::cameraChanged);
    }
}
