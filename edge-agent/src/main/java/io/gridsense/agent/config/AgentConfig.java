package io.gridsense.agent.config;

import io.gridsense.protocol.Topic;
import io.gridsense.agent.camera.AnalysisBudget;
import io.gridsense.agent.camera.PullSettings;
import java.net.URI;
import io.gridsense.analytics.people.DetectorConfig;
import java.nio.file.Path;
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
        Path dataDir,
        EvidenceSettings evidence,
        HttpSettings http,
        PullSettings pull,
        Integer analysisThreads,
        List<CameraConfig> cameras,
        DetectorConfig detector) {

    /** A config with the default person detector (OpenCV's HOG). */
    public AgentConfig(String site, String agentId, MqttSettings mqtt, HubSettings hub, double analysisFps,
                       int statusIntervalSeconds, Path dataDir, EvidenceSettings evidence, HttpSettings http,
                       PullSettings pull, Integer analysisThreads, List<CameraConfig> cameras) {
        this(site, agentId, mqtt, hub, analysisFps, statusIntervalSeconds, dataDir, evidence, http, pull, analysisThreads,
                cameras, null);
    }

    public AgentConfig {
        require(Topic.isId(site), "site must be 1..64 characters of [A-Za-z0-9_-], got '" + site + "'");
        require(Topic.isId(agentId), "agentId must be 1..64 characters of [A-Za-z0-9_-], got '" + agentId + "'");
        require(mqtt != null, "mqtt section is missing");
        require(hub != null, "hub section is missing");
        require(analysisFps > 0 && analysisFps <= 30, "analysisFps must be within (0, 30], got " + analysisFps);
        require(statusIntervalSeconds >= 1, "statusIntervalSeconds must be at least 1");
        require(dataDir != null, "dataDir is missing: the folder for the outbox and evidence spool");
        evidence = evidence == null ? EvidenceSettings.defaults() : evidence;
        http = http == null ? HttpSettings.defaults() : http;
        pull = pull == null ? PullSettings.defaults() : pull;
        analysisThreads = analysisThreads == null || analysisThreads == 0 ? AnalysisBudget.defaultSize() : analysisThreads;
        require(analysisThreads >= 1,
                "analysisThreads must be at least 1 (or 0 for one per core but one, two on two cores)");
        detector = detector == null ? DetectorConfig.hog() : detector;
        cameras = cameras == null ? List.of() : List.copyOf(cameras);
        require(!cameras.isEmpty(), "cameras: at least one camera is needed");
        Set<String> ids = new HashSet<>();
        for (CameraConfig c : cameras) {
            require(ids.add(c.id()), "cameras: id '" + c.id() + "' is used twice");
        }
    }

    /** The same config with other cameras (a reload keeps identity, broker and hub). */
    public AgentConfig withCameras(List<CameraConfig> newCameras) {
        return new AgentConfig(site, agentId, mqtt, hub, analysisFps, statusIntervalSeconds, dataDir, evidence, http, pull, analysisThreads, newCameras,
                detector);
    }

    /**
     * The MQTT connection: broker URI (tcp:// or ssl://), optional credentials, client id, and for ssl:// an
     * optional PEM file of the CA that signed the broker's certificate (else the JVM's trusted CAs).
     */
    public record MqttSettings(String serverUri, String username, String password, String clientId, Path caFile) {
        public MqttSettings {
            require(serverUri != null && (serverUri.startsWith("tcp://") || serverUri.startsWith("ssl://")),
                    "mqtt.serverUri must start with tcp:// or ssl://, got '" + serverUri + "'");
            require(caFile == null || serverUri.startsWith("ssl://"), "mqtt.caFile is only used with an ssl:// serverUri");
        }

        public MqttSettings(String serverUri, String username, String password, String clientId) {
            this(serverUri, username, password, clientId, null);
        }

        /** Never print the password. */
        @Override
        public String toString() {
            return "MqttSettings[serverUri=" + serverUri + ", username=" + username + ", password="
                    + (password == null ? "none" : "***") + ", clientId=" + clientId + ", caFile=" + caFile + "]";
        }
    }

    /**
     * Evidence: a clip from {@code preSeconds} before to {@code postSeconds} after a detection, cut from the
     * main stream's packets without re-encoding; {@code spoolBytes} bounds the evidence waiting for upload
     * (the oldest evidence goes first when full; alert records are never dropped for evidence).
     */
    public record EvidenceSettings(boolean clips, int preSeconds, int postSeconds, long spoolBytes) {
        public EvidenceSettings {
            require(preSeconds >= 0 && preSeconds <= 60, "evidence.preSeconds must be within 0..60");
            require(postSeconds >= 0 && postSeconds <= 60, "evidence.postSeconds must be within 0..60");
            require(spoolBytes >= 1 << 20, "evidence.spoolBytes must be at least 1 MiB");
        }

        public static EvidenceSettings defaults() {
            return new EvidenceSettings(true, 5, 5, 512L << 20);
        }
    }

    /** The agent's own HTTP listener for {@code /healthz} and Prometheus {@code /metrics}; port 0 turns it off. */
    public record HttpSettings(String host, int port) {
        public HttpSettings {
            require(host != null && !host.isBlank(), "http.host is missing");
            require(port >= 0 && port <= 65535, "http.port must be within 0..65535");
        }

        public static HttpSettings defaults() {
            return new HttpSettings("127.0.0.1", 9108);
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
