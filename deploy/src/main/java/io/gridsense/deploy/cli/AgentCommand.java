package io.gridsense.deploy.cli;

import io.gridsense.agent.EdgeAgent;
import io.gridsense.agent.config.AgentConfig;
import io.gridsense.agent.config.AgentConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gridsense agent}: an edge agent as its own process, configured by one YAML file. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Runs an edge agent: pulls its cameras, detects gatherings and fights, publishes alerts over",
            "MQTT and uploads evidence to the hub. Secrets in the file are written ${ENV_NAME}."})
public final class AgentCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "the agent's YAML file; every field is shown and explained in deploy/config/agent.example.yaml")
    Path config;

    @Override
    public Integer call() throws Exception {
        AgentConfig cfg;
        try {
            cfg = AgentConfigLoader.load(config);
        } catch (AgentConfigLoader.ConfigException e) {
            System.err.println("gridsense agent: " + e.getMessage());
            return 2;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "agent-shutdown"));
        try (EdgeAgent agent = EdgeAgent.start(cfg, config)) {
            System.out.println("gridsense agent: " + cfg.agentId() + " running " + cfg.cameras().size() + " camera(s)  (Ctrl-C to stop)");
            stop.await();
        }
        return 0;
    }
}
