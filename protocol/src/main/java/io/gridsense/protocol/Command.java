package io.gridsense.protocol;

import java.time.Instant;
import java.util.Map;

/**
 * A command from the hub to one agent on {@code .../agents/{agentId}/cmd}; the agent answers with a
 * {@link CommandReply} carrying the same {@code commandId}. {@code args} depend on the type (a PTZ move's
 * speeds, a config's YAML text).
 */
public record Command(int schemaVersion, String commandId, Type type, String cameraId, Map<String, Object> args, Instant sentAt) {

    /** What the hub can ask an agent to do. */
    public enum Type { VERSION, SNAPSHOT, RESTART_CAMERA, PTZ_MOVE, PTZ_STOP, APPLY_CONFIG, RELOAD_CONFIG }

    public Command {
        args = args == null ? Map.of() : Map.copyOf(args);
    }
}
