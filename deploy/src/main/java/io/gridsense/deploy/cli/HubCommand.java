package io.gridsense.deploy.cli;

import io.gridsense.hub.HubConfig;
import io.gridsense.hub.HubServer;
import io.gridsense.hub.grid.GridCodeScheme;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gridsense hub}: the hub as its own process, against an external broker and database. */
@Command(name = "hub", mixinStandardHelpOptions = true,
        description = {"Runs the hub: consumes alerts from the broker (shared subscription), keeps grids, incidents",
            "and gridworkers in the database, pushes incidents and serves the API and pages.",
            "Passwords come from environment variables, never from the command line."})
public final class HubCommand implements Callable<Integer> {

    @Option(names = "--data", defaultValue = "./data", description = "evidence and secret folder; default ${DEFAULT-VALUE}")
    Path data;

    @Option(names = "--jdbc-url", description = "database URL, e.g. jdbc:postgresql://127.0.0.1:5432/gridsense; default: H2 file under --data")
    String jdbcUrl;

    @Option(names = "--db-user", defaultValue = "", description = "database user")
    String dbUser;

    @Option(names = "--db-password-env", defaultValue = "GRIDSENSE_DB_PASSWORD", description = "environment variable holding the database password; default ${DEFAULT-VALUE}")
    String dbPasswordEnv;

    @Option(names = "--mqtt", defaultValue = "tcp://127.0.0.1:1883", description = "broker URI (tcp:// or ssl://); default ${DEFAULT-VALUE}")
    String mqttUri;

    @Option(names = "--mqtt-user", description = "MQTT user name")
    String mqttUser;

    @Option(names = "--mqtt-password-env", defaultValue = "GRIDSENSE_MQTT_PASSWORD", description = "environment variable holding the MQTT password; default ${DEFAULT-VALUE}")
    String mqttPasswordEnv;

    @Option(names = "--share-group", defaultValue = "", description = {"MQTT shared-subscription group: hubs in one group split the alert stream.",
            "Leave it out for a single hub: Mosquitto 2.0 forgets $share subscriptions when it restarts (docs/deploy.md)"})
    String shareGroup;

    @Option(names = "--mqtt-client-id", description = "MQTT client id; must stay the same across restarts so the broker's queued alerts reach this hub again; default hub-<host name>")
    String mqttClientId;

    @Option(names = "--http-host", defaultValue = "127.0.0.1", description = "HTTP listen address; default ${DEFAULT-VALUE}")
    String httpHost;

    @Option(names = "--http-port", defaultValue = "8080", description = "HTTP port; default ${DEFAULT-VALUE}")
    int httpPort;

    @Option(names = "--secret-file", description = "token signing secret (created if missing); default: --data/hub.secret")
    Path secretFile;

    @Option(names = "--grid-codes", defaultValue = "free", description = {"how grid codes are built, checked on district import:",
            "free (any code), admin12+G+M or admin12-G-M (the 12-digit division code, then G grid and M micro-grid digits,",
            "'-' between the parts or none); default ${DEFAULT-VALUE}"})
    String gridCodes;

    @Option(names = "--district", description = "a district JSON file (grids as GeoJSON, gridworkers) to import at start")
    Path district;

    private String clientId() {
        if (mqttClientId != null && !mqttClientId.isBlank()) {
            return mqttClientId;
        }
        try {
            return "hub-" + java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("cannot read this machine's host name for the MQTT client id; pass --mqtt-client-id", e);
        }
    }

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(data);
        HubConfig config = HubConfig.defaults(data)
                .withMqtt(mqttUri, mqttUser, System.getenv(mqttPasswordEnv), clientId(),
                        shareGroup, Duration.ofDays(1))
                .withHttp(httpHost, httpPort)
                .withSecret(Secrets.loadOrCreate(secretFile != null ? secretFile : data.resolve("hub.secret")));
        config = config.withGridCodes(GridCodeScheme.parse(gridCodes));
        if (jdbcUrl != null) {
            config = config.withDatabase(jdbcUrl, dbUser, System.getenv(dbPasswordEnv));
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "hub-shutdown"));
        try (HubServer hub = HubServer.start(config)) {
            if (district != null) {
                try (InputStream in = Files.newInputStream(district)) {
                    hub.seedDistrict(in);
                }
            }
            System.out.println("gridsense hub: listening on http://" + httpHost + ":" + hub.httpPort() + "  (Ctrl-C to stop)");
            stop.await();
        }
        return 0;
    }
}
