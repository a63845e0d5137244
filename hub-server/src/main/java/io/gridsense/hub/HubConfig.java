package io.gridsense.hub;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import io.gridsense.hub.grid.GridCodeScheme;

/**
 * Everything a hub needs to start: database, MQTT broker, HTTP listener, evidence folder, token secret and
 * the incident/push tuning. Build with {@link #defaults(Path)} and change fields with the {@code with…}
 * methods.
 *
 * <p>The embedded default database is an H2 file in {@code dataDir/db} opened with {@code MODE=PostgreSQL},
 * so the one set of migrations serves H2 and PostgreSQL alike ({@code nextval}, {@code ON CONFLICT DO NOTHING}).
 *
 * @param mqttPassword        null when the broker needs none
 * @param mqttSessionExpiry   how long the broker keeps this hub's session (and its QoS 1 messages) while the hub
 *                            is down; a restart within it loses no alert
 * @param httpPort            0 picks a free port; {@link HubServer#httpPort()} tells which
 * @param secret              HMAC key for access tokens; tokens survive a restart only if it does
 * @param incidentMergeWindow alerts of one camera and type closer than this join one open incident
 * @param policy              deadlines, supervision, re-push and login rules ({@link HubPolicy#defaults()})
 * @param gridCodes           how grid codes are built, checked when a district file is loaded
 *                            ({@link GridCodeScheme#FREE} by default; e.g. {@code GridCodeScheme.parse("admin12-2-2")})
 */
public record HubConfig(
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        String mqttServerUri,
        String mqttUsername,
        String mqttPassword,
        String mqttClientId,
        String shareGroup,
        Duration mqttSessionExpiry,
        String httpHost,
        int httpPort,
        Path dataDir,
        byte[] secret,
        Duration incidentMergeWindow,
        double pushRadiusMeters,
        int pushNearestK,
        Clock clock,
        HubPolicy policy,
        GridCodeScheme gridCodes) {

    public HubConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(mqttServerUri, "mqttServerUri");
        Objects.requireNonNull(mqttClientId, "mqttClientId");
        Objects.requireNonNull(shareGroup, "shareGroup");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clock, "clock");
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("secret must be at least 16 bytes");
        }
        if (incidentMergeWindow == null || incidentMergeWindow.isNegative()) {
            throw new IllegalArgumentException("incidentMergeWindow must be >= 0");
        }
        if (pushNearestK < 0 || pushRadiusMeters < 0) {
            throw new IllegalArgumentException("pushNearestK and pushRadiusMeters must be >= 0");
        }
        if (policy == null) {
            policy = HubPolicy.defaults();
        }
        if (gridCodes == null) {
            gridCodes = GridCodeScheme.FREE;
        }
        if (mqttSessionExpiry == null) {
            mqttSessionExpiry = Duration.ofDays(1);
        }
        if (dbUser == null) {
            dbUser = "";
        }
        if (dbPassword == null) {
            dbPassword = "";
        }
    }

    /**
     * The one-box defaults: H2 file database under {@code dataDir/db}, Mosquitto-style broker on
     * 127.0.0.1:1883 with a unique client id and no share group (one hub: a plain subscription, which Mosquitto keeps
     * over its restart), HTTP on 127.0.0.1:8080, a random secret,
     * merge window 10 min, push radius 1500 m, 3 nearest workers, the UTC system clock.
     */
    public static HubConfig defaults(Path dataDir) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String h2 = "jdbc:h2:file:" + dataDir.resolve("db").resolve("hub").toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        return new HubConfig(h2, "sa", "", "tcp://127.0.0.1:1883", null, null,
                "hub-" + UUID.randomUUID().toString().substring(0, 8), "", Duration.ofDays(1),
                "127.0.0.1", 8080, dataDir, secret, Duration.ofMinutes(10), 1500, 3, Clock.systemUTC(),
                HubPolicy.defaults(), GridCodeScheme.FREE);
    }

    /** Another database (e.g. PostgreSQL: {@code jdbc:postgresql://host:5432/db}). */
    public HubConfig withDatabase(String url, String user, String password) {
        return new HubConfig(url, user, password, mqttServerUri, mqttUsername, mqttPassword, mqttClientId, shareGroup,
                mqttSessionExpiry, httpHost, httpPort, dataDir, secret, incidentMergeWindow, pushRadiusMeters,
                pushNearestK, clock, policy, gridCodes);
    }

    /** Another broker and MQTT identity. */
    public HubConfig withMqtt(String uri, String username, String password, String clientId, String group,
                              Duration sessionExpiry) {
        return new HubConfig(jdbcUrl, dbUser, dbPassword, uri, username, password, clientId, group, sessionExpiry,
                httpHost, httpPort, dataDir, secret, incidentMergeWindow, pushRadiusMeters, pushNearestK, clock, policy, gridCodes);
    }

    /** Another HTTP listener; port 0 picks a free one. */
    public HubConfig withHttp(String host, int port) {
        return new HubConfig(jdbcUrl, dbUser, dbPassword, mqttServerUri, mqttUsername, mqttPassword, mqttClientId,
                shareGroup, mqttSessionExpiry, host, port, dataDir, secret, incidentMergeWindow, pushRadiusMeters,
                pushNearestK, clock, policy, gridCodes);
    }

    /** Another token secret (keep it across restarts so issued tokens stay valid). */
    public HubConfig withSecret(byte[] newSecret) {
        return new HubConfig(jdbcUrl, dbUser, dbPassword, mqttServerUri, mqttUsername, mqttPassword, mqttClientId,
                shareGroup, mqttSessionExpiry, httpHost, httpPort, dataDir, newSecret, incidentMergeWindow,
                pushRadiusMeters, pushNearestK, clock, policy, gridCodes);
    }

    /** Other incident merge and push tuning. */
    public HubConfig withTuning(Duration mergeWindow, double radiusMeters, int nearestK) {
        return new HubConfig(jdbcUrl, dbUser, dbPassword, mqttServerUri, mqttUsername, mqttPassword, mqttClientId,
                shareGroup, mqttSessionExpiry, httpHost, httpPort, dataDir, secret, mergeWindow, radiusMeters,
                nearestK, clock, policy, gridCodes);
    }

    /** Another clock (tests). */
    public HubConfig withClock(Clock newClock) {
        return new HubConfig(jdbcUrl, dbUser, dbPassword, mqttServerUri, mqttUsername, mqttPassword, mqttClientId,
                shareGroup, mqttSessionExpiry, httpHost, httpPort, dataDir, secret, incidentMergeWindow,
                pushRadiusMeters, pushNearestK, newClock, policy, gridCodes);
    }

    /** Other rules of work: deadlines, supervision sweep, re-push, login limits. */
    public HubConfig withPolicy(HubPolicy newPolicy) {
        return new HubConfig(jdbcUrl, dbUser, dbPassword, mqttServerUri, mqttUsername, mqttPassword, mqttClientId,
                shareGroup, mqttSessionExpiry, httpHost, httpPort, dataDir, secret, incidentMergeWindow,
                pushRadiusMeters, pushNearestK, clock, newPolicy, gridCodes);
    }

    /** Another grid code scheme (see {@link GridCodeScheme#parse}: "free", "admin12+3+2", "admin12-2-2"). */
    public HubConfig withGridCodes(GridCodeScheme scheme) {
        return new HubConfig(jdbcUrl, dbUser, dbPassword, mqttServerUri, mqttUsername, mqttPassword, mqttClientId,
                shareGroup, mqttSessionExpiry, httpHost, httpPort, dataDir, secret, incidentMergeWindow,
                pushRadiusMeters, pushNearestK, clock, policy, scheme);
    }

    @Override
    public String toString() {
        // never print the secret or the passwords
        return "HubConfig[jdbcUrl=" + jdbcUrl + ", mqtt=" + mqttServerUri + ", clientId=" + mqttClientId
                + ", shareGroup=" + shareGroup + ", http=" + httpHost + ":" + httpPort + ", dataDir=" + dataDir
                + ", mergeWindow=" + incidentMergeWindow + ", radius=" + pushRadiusMeters + ", k=" + pushNearestK
                + ", gridCodes=" + gridCodes.spec() + ", deadlines=\"" + policy.deadlines() + "\"]";
    }
}
