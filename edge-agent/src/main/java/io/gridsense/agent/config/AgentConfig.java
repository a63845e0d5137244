package io.gridsense.agent.config;

import io.gridsense.protocol.Topic;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything an edge agent needs: who it is (site and agent id), where the broker and the hub are, how often
 * to analyse, and its cameras. Read from YAML by {@link AgentConfigLoader}; validated on construction so a
 * broken config stops the agent at start with the reason.
 */
public record AgentConfig(
        String site,
        String agentId,
        MqttSettings mqtt,
        HubSettings hub,
        double analysisFps,
        int statusIntervalSeconds,
        List<CameraConfig> cameras) {

    public AgentConfig {
        require(Topic.isId(site), "site must be 1..64 characters of [A-Za-z0-9_-], got '" + site + "'");
        require(Topic.isId(agentId), "agentId must be 1..64 characters of [A-Za-z0-9_-], got '" + agentId + "'");
        require(mqtt != null, "mqtt section is missing");
        require(hub != null, "hub section is missing");
        require(analysisFps > 0 && analysisFps <= 30, "analysisFps must be within (0, 30], got " + analysisFps);
        require(statusIntervalSeconds >= 1, "statusIntervalSeconds must be at least 1");
        cameras = cameras == null ? List.of() : List.copyOf(cameras);
        require(!cameras.isEmpty(), "cameras: at least one camera is needed");
        Set<String> ids = new HashSet<>();
        for (CameraConfig c : cameras) {
            require(ids.add(c.id()), "cameras: id '" + c.id() + "' is used twice");
        }
    }

    /** The MQTT connection: broker URI (tcp:// or ssl://), optional credentials, client id. */
    public record MqttSettings(String serverUri, String username, String password, String clientId) {
        public MqttSettings {
            require(serverUri != null && (serverUri.startsWith("tcp://") || serverUri.startsWith("ssl://")),
                    "mqtt.serverUri must start with tcp:// or ssl://, got '" + serverUri + "'");
        }

        /** Never print the password. */
        @Override
        public String toString() {
            return "MqttSettings[serverUri=" + serverUri + ", username=" + username + ", password="
                    + (password == null ? "none" : "***") + ", clientId=" + clientId + "]";
        }
    }

    /** The hub's base URL for evidence uploads and the agent's bearer token there. */
    public record HubSettings(URI url, String token) {
        public HubSettings {
            require(url != null && ("http".equals(url.getScheme()) || "https".equals(url.getScheme())),
                    "hub.url must be an http:// or https:// URL");
        }

        @Override
        public String toString() {
            return "HubSettings[url=" + url + ", token=" + (token == null ? "none" : "***") + "]";
        }
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
