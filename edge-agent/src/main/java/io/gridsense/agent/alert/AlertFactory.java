package io.gridsense.agent.alert;

import io.gridsense.agent.config.CameraConfig;
import io.gridsense.analytics.BehaviorEvent;
import io.gridsense.analytics.BehaviorType;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.EvidenceRef;
import io.gridsense.protocol.NormPoint;
import io.gridsense.protocol.WireCodec;
import java.util.List;
import java.util.UUID;

/** Turns an analyzer's behaviour event into a wire-contract alert with a globally unique id chosen here. */
public final class AlertFactory {

    /** The version of the detection stack that alerts name, so the hub can tell models apart. */
    public static final String MODEL_VERSION = "hog-motion-1";
    public static final String RULE_VERSION = "1";

    private final String site;
    private final String agentId;

    public AlertFactory(String site, String agentId) {
        this.site = site;
        this.agentId = agentId;
    }

    /** A fresh alert id: random UUIDs never collide across boxes, so the hub can be idempotent on them. */
    public static String newAlertId() {
        return UUID.randomUUID().toString();
    }

    public Alert alert(String alertId, CameraConfig camera, BehaviorEvent e, List<EvidenceRef> evidence) {
        List<NormPoint> region = e.region().stream().map(p -> new NormPoint(p.x(), p.y())).toList();
        return new Alert(WireCodec.SCHEMA_VERSION, alertId, site, agentId, camera.id(), type(e.type()),
                e.startedAt(), e.detectedAt(), clamp(e.confidence()), e.peopleCount(), region, camera.location(),
                evidence, MODEL_VERSION, e.ruleId(), RULE_VERSION);
    }

    /** A camera that has delivered no picture since {@code since}. */
    public Alert cameraOffline(String alertId, CameraConfig camera, java.time.Instant since, java.time.Instant now) {
        return new Alert(WireCodec.SCHEMA_VERSION, alertId, site, agentId, camera.id(), AlertType.CAMERA_OFFLINE, since, now,
                1.0, 0, List.of(), camera.location(), List.of(), MODEL_VERSION, "camera-offline", RULE_VERSION);
    }

    private static AlertType type(BehaviorType t) {
        return switch (t) {
            case GATHERING -> AlertType.GATHERING;
            case FIGHT -> AlertType.FIGHT;
        };
    }

    private static double clamp(double c) {
        return Math.max(0, Math.min(1, c));
    }
}
