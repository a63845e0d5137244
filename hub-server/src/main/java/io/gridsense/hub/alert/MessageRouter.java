package io.gridsense.hub.alert;

import io.gridsense.hub.camera.CameraStatusService;
import io.gridsense.hub.db.Database;
import io.gridsense.protocol.DeadLetter;
import io.gridsense.protocol.Decoded;
import io.gridsense.protocol.Topic;
import io.gridsense.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes one received MQTT message by topic kind through {@link WireCodec} to the right service. An invalid
 * message becomes a dead letter; nothing here throws for bad input, so the consumer never stops.
 */
public final class MessageRouter {

    private static final Logger log = LoggerFactory.getLogger(MessageRouter.class);

    private final WireCodec codec;
    private final AlertDecoder alertDecoder;
    private final AlertPipeline alerts;
    private final CameraStatusService cameras;
    private final DeadLetterRepository deadLetters;
    private final Database db;

    public MessageRouter(WireCodec codec, AlertPipeline alerts, CameraStatusService cameras,
                         DeadLetterRepository deadLetters, Database db) {
        this.codec = codec;
        this.alertDecoder = new AlertDecoder(codec);
        this.alerts = alerts;
        this.cameras = cameras;
        this.deadLetters = deadLetters;
        this.db = db;
    }

    /**
     * Handles a message; returns once its effects are committed (the caller may then acknowledge it). A
     * database failure propagates, so the message is not acknowledged and the broker redelivers it.
     */
    public void handle(String topicName, byte[] payload) {
        Optional<Topic> topic = Topic.parse(topicName);
        Topic.Kind kind = topic.map(Topic::kind).orElse(Topic.Kind.ALERTS); // unknown topics: the alert decoder names why
        if ((payload == null || payload.length == 0) && (kind == Topic.Kind.CAMERA_STATUS || kind == Topic.Kind.AGENT_STATUS)) {
            log.debug("event=retained_cleared topic={}", topicName); // how MQTT deletes a retained status: not an error
            return;
        }
        switch (kind) {
            case CAMERA_STATUS -> codec.decodeCameraStatus(topicName, payload).handle(
                    v -> cameras.apply(v.topic(), v.value(), new String(payload, StandardCharsets.UTF_8)), this::deadLetter);
            case AGENT_STATUS -> codec.decodeAgentStatus(topicName, payload).handle(
                    v -> cameras.apply(v.topic(), v.value()), this::deadLetter);
            case ALERTS -> alertDecoder.decode(topicName, payload).handle(
                    v -> alerts.ingest(v.value(), new String(payload, StandardCharsets.UTF_8)), this::deadLetter);
            default -> deadLetter(((Decoded.Invalid<?>) codec.decodeAlert(topicName, payload)).deadLetter());
        }
    }

    /**
     * Handles a batch: valid alerts are stored together in one transaction, everything else one by one. Returns
     * once all effects are committed; a database failure propagates (nothing of the batch is acknowledged).
     */
    public void handleBatch(java.util.List<IngestQueue.Delivery> batch) {
        java.util.List<AlertPipeline.Received> valid = new java.util.ArrayList<>();
        for (IngestQueue.Delivery d : batch) {
            Topic.Kind kind = Topic.parse(d.topic()).map(Topic::kind).orElse(null);
            if (kind == Topic.Kind.ALERTS && d.payload() != null && d.payload().length > 0) {
                alertDecoder.decode(d.topic(), d.payload()).handle(
                        v -> valid.add(new AlertPipeline.Received(v.value(), new String(d.payload(), StandardCharsets.UTF_8))),
                        this::deadLetter);
            } else {
                handle(d.topic(), d.payload());
            }
        }
        if (!valid.isEmpty()) {
            alerts.ingestBatch(valid);
        }
    }

    private void deadLetter(DeadLetter d) {
        db.tx(c -> {
            deadLetters.insert(c, d);
            return null;
        });
        log.warn("event=dead_letter topic={} bytes={} reason=\"{}\"", d.topic(), d.payloadBytes(), d.reason());
    }
}
