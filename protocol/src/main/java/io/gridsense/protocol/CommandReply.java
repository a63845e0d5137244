package io.gridsense.protocol;

import java.time.Instant;
import java.util.Map;

/**
 * An agent's answer on {@code .../agents/{agentId}/cmd/reply}: the command it answers (null when the command
 * was too malformed to name one), whether it worked, the error in plain words, and any result.
 */
public record CommandReply(int schemaVersion, String commandId, String agentId, boolean ok, String error,
                           Map<String, Object> result, Instant at) {

    public CommandReply {
        result = result == null ? Map.of() : Map.copyOf(result);
    }

    public static CommandReply ok(String commandId, String agentId, Map<String, Object> result, Instant at) {
        return new CommandReply(WireCodec.SCHEMA_VERSION, commandId, agentId, true, null, result, at);
    }

    public static CommandReply error(String commandId, String agentId, String error, Instant at) {
        return new CommandReply(WireCodec.SCHEMA_VERSION, commandId, agentId, false, error, Map.of(), at);
    }
}
