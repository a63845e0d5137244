package io.gridsense.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.agent.config.AgentConfig;
import io.gridsense.agent.config.AgentConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example shipped in deploy/config stays valid as the config format changes. */
class ExampleConfigTest {

    @Test
    void theShippedAgentExampleLoads() {
        Map<String, String> env = Map.of("GRIDSENSE_MQTT_PASSWORD", "p", "GRIDSENSE_AGENT_TOKEN", "t",
                "CAM_PLAZA_PASSWORD", "c1", "CAM_MARKET_PASSWORD", "c2");
        AgentConfig c = new AgentConfigLoader(env::get).read(Path.of("config", "agent.example.yaml"));
        assertThat(c.cameras()).hasSize(2);
        assertThat(c.cameras().get(0).url()).contains("viewer:c1@");
        assertThat(c.cameras().get(0).rules().gathering().minPeople()).isEqualTo(6);
        assertThat(c.cameras().get(1).rules().gathering()).isNull();
        assertThat(c.cameras().get(1).rules().fight()).isNotNull();
        assertThat(c.cameras().get(1).url()).startsWith("onvif://viewer:c2@");
        assertThat(c.mqtt().caFile()).isNotNull();
        assertThat(c.pull().offlineAlertAfter()).hasSeconds(60);
    }

    @Test
    void theShippedHubEnvironmentNamesAValidGridCodeScheme() throws Exception {
        String env = java.nio.file.Files.readString(Path.of("config", "hub.env.example"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^GRIDSENSE_GRID_CODES=(.+)$").matcher(env);
        assertThat(m.find()).as("hub.env.example sets GRIDSENSE_GRID_CODES").isTrue();
        io.gridsense.hub.grid.GridCodeScheme scheme = io.gridsense.hub.grid.GridCodeScheme.parse(m.group(1));
        assertThat(scheme.free()).isFalse();
        assertThat(java.nio.file.Files.readString(Path.of("systemd", "gridsense-hub.service")))
                .contains("--grid-codes ${GRIDSENSE_GRID_CODES}");
    }
}
