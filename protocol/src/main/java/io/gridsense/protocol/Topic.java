package io.gridsense.protocol;

import java.util.Optional;

/**
 * A parsed gridsense MQTT topic. Ids are {@code [A-Za-z0-9_-]}; {@code agentId}, {@code cameraId} and
 * {@code workerId} are null where the kind has none.
 */
public record Topic(Kind kind, String site, String agentId, String cameraId, String workerId) {

    /** What a topic carries. */
    public enum Kind { AGENT_STATUS, CAMERA_STATUS, ALERTS, COMMAND, COMMAND_REPLY, WORKER_PUSH }

    /** The common prefix of every topic of contract version 1. */
    public static final String ROOT = "gridsense/v1";

    public static Topic agentStatus(String site, String agentId) {
        return new Topic(Kind.AGENT_STATUS, checkId("site", site), checkId("agentId", agentId), null, null);
    }

    public static Topic cameraStatus(String site, String agentId, String cameraId) {
        return new Topic(Kind.CAMERA_STATUS, checkId("site", site), checkId("agentId", agentId),
                checkId("cameraId", cameraId), null);
    }

    public static Topic alerts(String site, String agentId) {
        return new Topic(Kind.ALERTS, checkId("site", site), checkId("agentId", agentId), null, null);
    }

    public static Topic command(String site, String agentId) {
        return new Topic(Kind.COMMAND, checkId("site", site), checkId("agentId", agentId), null, null);
    }

    public static Topic commandReply(String site, String agentId) {
        return new Topic(Kind.COMMAND_REPLY, checkId("site", site), checkId("agentId", agentId), null, null);
    }

    public static Topic workerPush(String workerId) {
        return new Topic(Kind.WORKER_PUSH, null, null, null, checkId("workerId", workerId));
    }

    /** The topic string to publish on. */
    public String path() {
        return switch (kind) {
            case AGENT_STATUS -> agentPrefix() + "/status";
            case CAMERA_STATUS -> agentPrefix() + "/cameras/" + cameraId + "/status";
            case ALERTS -> agentPrefix() + "/alerts";
            case COMMAND -> agentPrefix() + "/cmd";
            case COMMAND_REPLY -> agentPrefix() + "/cmd/reply";
            case WORKER_PUSH -> ROOT + "/push/workers/" + workerId;
        };
    }

    private String agentPrefix() {
        return ROOT + "/" + site + "/agents/" + agentId;
    }

    /** Parses a topic string; empty when it is not a gridsense v1 topic or an id is malformed. */
    public static Optional<Topic> parse(String topic) {
        if (topic == null || !topic.startsWith(ROOT + "/")) {
            return Optional.empty();
        }
        String[] s = topic.substring(ROOT.length() + 1).split("/", -1);
        for (String part : s) {
            if (!isId(part)) {
                return Optional.empty();
            }
        }
        if (s.length == 3 && s[0].equals("push") && s[1].equals("workers")) {
            return Optional.of(new Topic(Kind.WORKER_PUSH, null, null, null, s[2]));
        }
        if (s.length < 4 || !s[1].equals("agents")) {
            return Optional.empty();
        }
        String site = s[0];
        String agent = s[2];
        if (s.length == 4) {
            return switch (s[3]) {
                case "status" -> Optional.of(new Topic(Kind.AGENT_STATUS, site, agent, null, null));
                case "alerts" -> Optional.of(new Topic(Kind.ALERTS, site, agent, null, null));
                case "cmd" -> Optional.of(new Topic(Kind.COMMAND, site, agent, null, null));
                default -> Optional.empty();
            };
        }
        if (s.length == 5 && s[3].equals("cmd") && s[4].equals("reply")) {
            return Optional.of(new Topic(Kind.COMMAND_REPLY, site, agent, null, null));
        }
        if (s.length == 6 && s[3].equals("cameras") && s[5].equals("status")) {
            return Optional.of(new Topic(Kind.CAMERA_STATUS, site, agent, s[4], null));
        }
        return Optional.empty();
    }

    /** Subscription filter for all alerts of all sites. */
    public static String allAlertsFilter() {
        return ROOT + "/+/agents/+/alerts";
    }

    /** Subscription filter for every agent and camera status of all sites. */
    public static String[] allStatusFilters() {
        return new String[] {ROOT + "/+/agents/+/status", ROOT + "/+/agents/+/cameras/+/status"};
    }

    /** Whether a string is a legal id: 1..64 of {@code [A-Za-z0-9_-]}. */
    public static boolean isId(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String checkId(String what, String value) {
        if (!isId(value)) {
            throw new IllegalArgumentException(what + " must be 1..64 characters of [A-Za-z0-9_-], got '" + value + "'");
        }
        return value;
    }
}
