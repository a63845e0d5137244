package io.gridsense.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Encodes messages to JSON and decodes received ones through every check of the wire contract: topic,
 * size, JSON syntax, schema version, JSON Schema, and topic/payload agreement. A failed check yields a
 * {@link DeadLetter} with a one-line reason; decoding never throws on bad input.
 */
public final class WireCodec {

    /** The contract version this code speaks. */
    public static final int SCHEMA_VERSION = 1;
    /** Larger payloads are refused before parsing; evidence travels over HTTP, never inside a message. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private static final int EXCERPT_CHARS = 200;

    private final ObjectMapper mapper;
    private final Map<Topic.Kind, JsonSchema> schemas = new EnumMap<>(Topic.Kind.class);
    private final Clock clock;

    public WireCodec() {
        this(Clock.systemUTC());
    }

    public WireCodec(Clock clock) {
        this.clock = clock;
        this.mapper = newMapper();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        schemas.put(Topic.Kind.ALERTS, load(factory, config, "alert"));
        schemas.put(Topic.Kind.AGENT_STATUS, load(factory, config, "agent-status"));
        schemas.put(Topic.Kind.CAMERA_STATUS, load(factory, config, "camera-status"));
        schemas.put(Topic.Kind.WORKER_PUSH, load(factory, config, "worker-push"));
        schemas.put(Topic.Kind.COMMAND, load(factory, config, "command"));
        schemas.put(Topic.Kind.COMMAND_REPLY, load(factory, config, "command-reply"));
    }

    /** A Jackson mapper configured for the wire format (ISO-8601 instants, records, unknown fields refused). */
    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The mapper this codec uses, for callers that serialise their own API records the same way. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Serialises a message record to UTF-8 JSON. */
    public byte[] encode(Object message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + message.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public Decoded<Alert> decodeAlert(String topic, byte[] payload) {
        return decode(topic, payload, Topic.Kind.ALERTS, Alert.class);
    }

    public Decoded<AgentStatus> decodeAgentStatus(String topic, byte[] payload) {
        return decode(topic, payload, Topic.Kind.AGENT_STATUS, AgentStatus.class);
    }

    public Decoded<CameraStatus> decodeCameraStatus(String topic, byte[] payload) {
        return decode(topic, payload, Topic.Kind.CAMERA_STATUS, CameraStatus.class);
    }

    public Decoded<WorkerPush> decodeWorkerPush(String topic, byte[] payload) {
        return decode(topic, payload, Topic.Kind.WORKER_PUSH, WorkerPush.class);
    }

    public Decoded<Command> decodeCommand(String topic, byte[] payload) {
        return decode(topic, payload, Topic.Kind.COMMAND, Command.class);
    }

    public Decoded<CommandReply> decodeCommandReply(String topic, byte[] payload) {
        return decode(topic, payload, Topic.Kind.COMMAND_REPLY, CommandReply.class);
    }

    private <T> Decoded<T> decode(String topicName, byte[] payload, Topic.Kind expected, Class<T> type) {
        int size = payload == null ? 0 : payload.length;
        Topic topic = Topic.parse(topicName).orElse(null);
        if (topic == null) {
            return invalid(topicName, "invalid topic: not a gridsense/v1 topic with ids of [A-Za-z0-9_-]", payload);
        }
        if (topic.kind() != expected) {
            return invalid(topicName, "wrong topic: expected " + expected + " but got " + topic.kind(), payload);
        }
        if (size == 0) {
            return invalid(topicName, "empty payload", payload);
        }
        if (size > MAX_PAYLOAD_BYTES) {
            return invalid(topicName, "oversized payload: " + size + " bytes, limit " + MAX_PAYLOAD_BYTES, payload);
        }
        JsonNode node;
        try {
            node = mapper.readTree(payload);
        } catch (IOException e) {
            return invalid(topicName, "malformed JSON: " + firstLine(e.getMessage()), payload);
        }
        if (node == null || !node.isObject()) {
            return invalid(topicName, "malformed message: the payload must be a JSON object", payload);
        }
        JsonNode version = node.get("schemaVersion");
        if (version == null) {
            return invalid(topicName, "missing field: schemaVersion", payload);
        }
        if (!version.isInt() || version.intValue() != SCHEMA_VERSION) {
            return invalid(topicName, "unsupported schemaVersion " + version + ": this side speaks " + SCHEMA_VERSION, payload);
        }
        Set<ValidationMessage> errors = schemas.get(expected).validate(node);
        if (!errors.isEmpty()) {
            String reason = errors.stream().map(ValidationMessage::getMessage).sorted().limit(5)
                    .collect(Collectors.joining("; "));
            return invalid(topicName, "schema violation: " + reason, payload);
        }
        T value;
        try {
            value = mapper.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return invalid(topicName, "invalid value: " + firstLine(e.getMessage()), payload);
        }
        String mismatch = topicMismatch(topic, value);
        if (mismatch != null) {
            return invalid(topicName, mismatch, payload);
        }
        return new Decoded.Valid<>(topic, value);
    }

    /** The topic names who sent the message; the payload must agree, or one agent could speak for another. */
    private static String topicMismatch(Topic topic, Object value) {
        if (value instanceof Alert a) {
            if (!a.agentId().equals(topic.agentId()) || !a.site().equals(topic.site())) {
                return "topic/payload mismatch: topic names agent " + topic.agentId() + " of site " + topic.site()
                        + " but the alert says agent " + a.agentId() + " of site " + a.site();
            }
        } else if (value instanceof AgentStatus s) {
            if (!s.agentId().equals(topic.agentId()) || !s.site().equals(topic.site())) {
                return "topic/payload mismatch: status for agent " + s.agentId() + " on the topic of " + topic.agentId();
            }
        } else if (value instanceof CameraStatus c) {
            if (!c.agentId().equals(topic.agentId()) || !c.cameraId().equals(topic.cameraId())) {
                return "topic/payload mismatch: status of camera " + c.cameraId() + " on the topic of " + topic.cameraId();
            }
        } else if (value instanceof CommandReply r) {
            if (!r.agentId().equals(topic.agentId())) {
                return "topic/payload mismatch: reply from agent " + r.agentId() + " on the topic of " + topic.agentId();
            }
        } else if (value instanceof WorkerPush p) {
            if (!p.workerId().equals(topic.workerId())) {
                return "topic/payload mismatch: push for worker " + p.workerId() + " on the topic of " + topic.workerId();
            }
        }
        return null;
    }

    private <T> Decoded<T> invalid(String topic, String reason, byte[] payload) {
        int size = payload == null ? 0 : payload.length;
        String text = payload == null ? "" : new String(payload, 0, Math.min(size, EXCERPT_CHARS * 4), StandardCharsets.UTF_8);
        String excerpt = text.length() > EXCERPT_CHARS ? text.substring(0, EXCERPT_CHARS) : text;
        return new Decoded.Invalid<>(new DeadLetter(topic, reason, excerpt, size, clock.instant()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static JsonSchema load(JsonSchemaFactory factory, SchemaValidatorsConfig config, String name) {
        String path = "schema/v1/" + name + ".schema.json";
        try (InputStream in = WireCodec.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + path);
            }
            return factory.getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
