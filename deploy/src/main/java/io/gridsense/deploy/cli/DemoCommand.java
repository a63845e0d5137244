package io.gridsense.deploy.cli;

import io.gridsense.agent.EdgeAgent;
import io.gridsense.agent.config.AgentConfig;
import io.gridsense.agent.config.CameraConfig;
import io.gridsense.analytics.rules.FightRule;
import io.gridsense.analytics.rules.GatheringRule;
import io.gridsense.analytics.rules.RuleSet;
import io.gridsense.analytics.scene.DemoScene;
import io.gridsense.deploy.broker.EmbeddedBroker;
import io.gridsense.deploy.demo.DemoDistrict;
import io.gridsense.deploy.demo.DemoScenes;
import io.gridsense.hub.HubConfig;
import io.gridsense.hub.HubServer;
import io.gridsense.hub.access.Role;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gridsense demo}: broker, hub and one edge agent with four rendered cameras, all in this process. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Runs the whole system on embedded defaults: an in-process MQTT broker, the hub on an H2 database,",
            "and one edge agent with four cameras playing rendered scenes (walking, gathering, fight, empty)",
            "through the same FFmpeg decode path as an RTSP camera. Prints the command-centre and gridworker",
            "page URLs, then runs until Ctrl-C or --duration."})
public final class DemoCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(DemoCommand.class);

    @Option(names = "--data", defaultValue = "./data", description = "data folder (database, evidence, scenes); default ${DEFAULT-VALUE}")
    Path data;

    @Option(names = "--http-port", defaultValue = "8080", description = "hub HTTP port; default ${DEFAULT-VALUE}, or a free one if taken")
    int httpPort;

    @Option(names = "--mqtt-port", defaultValue = "0", description = "embedded broker port; default: a free port (1883 is the machine's Mosquitto)")
    int mqttPort;

    @Option(names = "--duration", defaultValue = "0", description = "exit by itself after S seconds; default: run until Ctrl-C")
    long durationSeconds;

    @Option(names = "--scene-seconds", defaultValue = "60", description = "length of each rendered demo clip, played in a loop; default ${DEFAULT-VALUE}")
    int sceneSeconds;

    @Override
    public Integer call() throws Exception {
        if (mqttPort != 0 && EmbeddedBroker.inUse(mqttPort)) {
            System.err.println("gridsense demo: port " + mqttPort + " is already in use; choose another --mqtt-port or leave it out for a free one");
            return 2;
        }
        int port = httpPort;
        if (port != 0 && EmbeddedBroker.inUse(port)) {
            int free = EmbeddedBroker.freePort();
            System.out.println("gridsense demo: port " + port + " is taken, using " + free);
            port = free;
        }
        Files.createDirectories(data);
        long t0 = System.nanoTime();
        System.out.println("gridsense demo: rendering the demo cameras' clips (first run only)...");
        Map<DemoScene, Path> clips = DemoScenes.ensure(data.resolve("scenes"), Duration.ofSeconds(sceneSeconds));

        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "demo-shutdown"));
        try (EmbeddedBroker broker = EmbeddedBroker.start(data.resolve("broker"), mqttPort)) {
            HubConfig hubConfig = HubConfig.defaults(data)
                    .withMqtt(broker.serverUri(), null, null, "demo-hub", "", Duration.ofDays(1))
                    .withHttp("127.0.0.1", port)
                    .withSecret(Secrets.loadOrCreate(data.resolve("hub.secret")));
            try (HubServer hub = HubServer.start(hubConfig)) {
                try (InputStream district = DemoDistrict.open()) {
                    hub.seedDistrict(district);
                }
                String base = "http://127.0.0.1:" + hub.httpPort();
                AgentConfig agentConfig = agentConfig(broker.serverUri(), base,
                        hub.tokens().issue("edge-01", Role.AGENT, Duration.ofDays(30)), clips, data.resolve("agent"));
                try (EdgeAgent agent = EdgeAgent.start(agentConfig)) {
                    printUrls(hub, base, broker, (System.nanoTime() - t0) / 1_000_000);
                    if (durationSeconds > 0) {
                        stop.await(durationSeconds, TimeUnit.SECONDS);
                    } else {
                        stop.await();
                    }
                    System.out.println("gridsense demo: stopping");
                }
            }
        }
        return 0;
    }

    private void printUrls(HubServer hub, String base, EmbeddedBroker broker, long startupMs) {
        String operator = hub.tokens().issue("demo-operator", Role.OPERATOR, Duration.ofHours(12));
        DemoDistrict.DemoCamera plaza = DemoDistrict.CAMERAS.get(1);
        String worker = DemoDistrict.nearestOnDutyWorker(plaza.location());
        String workerToken = hub.tokens().issue(worker, Role.WORKER, Duration.ofHours(12));
        System.out.println();
        System.out.println("gridsense demo is up (" + startupMs + " ms)");
        System.out.println("  command centre : " + base + "/?token=" + operator);
        System.out.println("  gridworker page: " + base + "/worker/" + worker + "?token=" + workerToken
                + "   (nearest on-duty worker to " + plaza.id() + ")");
        System.out.println("  MQTT broker    : " + broker.serverUri() + "   (embedded, loopback only, no auth: demo only)");
        System.out.println("  data folder    : " + data.toAbsolutePath());
        System.out.println(durationSeconds > 0 ? "  stops by itself in " + durationSeconds + " s" : "  Ctrl-C to stop");
        System.out.println();
        log.info("event=demo_ready http_port={} mqtt_port={}", hub.httpPort(), broker.port());
    }

    /** One agent, four cameras at the centres of the four demo grids, with rules scaled for the clips. */
    static AgentConfig agentConfig(String mqttUri, String hubUrl, String agentToken, Map<DemoScene, Path> clips, Path agentData) {
        RuleSet rules = new RuleSet(
                new GatheringRule("gathering-4p-10s", List.of(), 4, Duration.ofSeconds(10), Duration.ofMinutes(2), 0.5),
                new FightRule("fight-3s", List.of(), Duration.ofSeconds(3), Duration.ofMinutes(2), 0.5));
        List<CameraConfig> cams = DemoDistrict.CAMERAS.stream()
                .map(c -> new CameraConfig(c.id(), c.name(), clips.get(c.scene()).toAbsolutePath().toString(), true,
                        c.location(), rules))
                .toList();
        return new AgentConfig("demo", "edge-01",
                new AgentConfig.MqttSettings(mqttUri, null, null, "demo-edge-01"),
                new AgentConfig.HubSettings(URI.create(hubUrl), agentToken), 4, 5, agentData,
                AgentConfig.EvidenceSettings.defaults(), new AgentConfig.HttpSettings("127.0.0.1", 0), null, null, cams);
    }
}
