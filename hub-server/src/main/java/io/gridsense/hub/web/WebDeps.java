package io.gridsense.hub.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridsense.hub.HubEvents;
import io.gridsense.hub.access.IncidentAccess;
import io.gridsense.hub.access.LoginThrottle;
import io.gridsense.hub.access.UserRepository;
import io.gridsense.hub.access.UserService;
import io.gridsense.hub.incident.FalseAlarmRepository;
import io.gridsense.hub.incident.LoopService;
import io.gridsense.hub.access.TokenService;
import io.gridsense.hub.alert.AlertRepository;
import io.gridsense.hub.alert.DeadLetterRepository;
import io.gridsense.hub.camera.CameraRepository;
import io.gridsense.hub.db.Database;
import io.gridsense.hub.evidence.EvidenceStore;
import io.gridsense.hub.grid.GridDirectory;
import io.gridsense.hub.incident.IncidentRepository;
import io.gridsense.hub.incident.IncidentService;
import io.gridsense.hub.push.PushRepository;
import io.gridsense.hub.worker.WorkerRepository;
import io.gridsense.hub.worker.WorkerService;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/** What the HTTP layer needs from the rest of the hub, passed in as one bundle. */
public record WebDeps(
        Database db,
        CameraRepository cameras,
        AlertRepository alerts,
        IncidentRepository incidents,
        IncidentService incidentService,
        GridDirectory grids,
        WorkerRepository workers,
        PushRepository pushes,
        DeadLetterRepository deadLetters,
        EvidenceStore evidence,
        TokenService tokens,
        SocketHub sockets,
        HubEvents events,
        ObjectMapper mapper,
        BooleanSupplier mqttConnected,
        Clock clock,
        LoopService loop,
        IncidentAccess access,
        FalseAlarmRepository falseAlarms,
        UserService users,
        UserRepository userRepo,
        LoginThrottle throttle,
        WorkerService workerService,
        io.gridsense.hub.indicator.IndicatorService indicators) {
}
