package io.gridsense.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridsense.agent.config.AgentConfig;
import io.gridsense.agent.config.AgentConfigLoader;
import io.gridsense.analytics.people.DetectorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigLoaderTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            site: demo
            agentId: agent-1
            mqtt:
              serverUri: tcp://127.0.0.1:1883
              username: edge
              password: ${MQTT_PASSWORD}
            hub:
              url: http://127.0.0.1:8080
              token: ${HUB_TOKEN}
            analysisFps: 5
            cameras:
              - id: gate-1
                name: North gate
                url: rtsp://admin:secret@10.0.0.5:554/sub
                lat: 30.27
                lon: 120.15
                rules:
                  gathering: {minPeople: 6, minSeconds: 20, region: [[0,0],[1,0],[1,1]]}
                  fight: {enabled: false}
            """;

    private AgentConfig load(String yaml, Map<String, String> env) throws IOException {
        Path f = dir.resolve("agent.yaml");
        Files.writeString(f, yaml);
        return new AgentConfigLoader(env::get).read(f);
    }

    @Test
    void readsCamerasRulesAndSecretsFromTheEnvironment() throws IOException {
        AgentConfig c = load(GOOD, Map.of("MQTT_PASSWORD", "pw-secret-1", "HUB_TOKEN", "tok-secret-2"));
        assertThat(c.mqtt().password()).isEqualTo("pw-secret-1");
        assertThat(c.hub().token()).isEqualTo("tok-secret-2");
        assertThat(c.analysisFps()).isEqualTo(5.0);
        var cam = c.cameras().get(0);
        assertThat(cam.rules().gathering().minPeople()).isEqualTo(6);
        assertThat(cam.rules().gathering().minDuration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(cam.rules().gathering().region()).hasSize(3);
        assertThat(cam.rules().fight()).isNull();
        // secrets never appear when the config is printed
        assertThat(c.toString()).doesNotContain("pw-secret-1").doesNotContain("tok-secret-2").doesNotContain("admin:secret");
    }

    @Test
    void aMissingEnvironmentVariableIsNamed() {
        assertThatThrownBy(() -> load(GOOD, Map.of("HUB_TOKEN", "t")))
                .hasMessageContaining("MQTT_PASSWORD").hasMessageContaining("not set");
    }

    @Test
    void aTypoNamesTheLineAndField() {
        String typo = GOOD.replace("analysisFps: 5", "analysisFsp: 5");
        assertThatThrownBy(() -> load(typo, Map.of("MQTT_PASSWORD", "p", "HUB_TOKEN", "t")))
                .hasMessageContaining("line 10").hasMessageContaining("unknown field \"analysisFsp\"").hasMessageContaining("analysisFsp");
    }

    @Test
    void aBadRuleValueNamesTheField() {
        String bad = GOOD.replace("minPeople: 6", "minPeople: many");
        assertThatThrownBy(() -> load(bad, Map.of("MQTT_PASSWORD", "p", "HUB_TOKEN", "t")))
                .hasMessageContaining("cameras[0].rules.gathering.minPeople");
    }

    @Test
    void aBadIdIsRefused() {
        String bad = GOOD.replace("agentId: agent-1", "agentId: agent/1");
        assertThatThrownBy(() -> load(bad, Map.of("MQTT_PASSWORD", "p", "HUB_TOKEN", "t")))
                .hasMessageContaining("agentId");
    }

    @Test
    void theDetectorIsHogUnlessTheFileChoosesAnother() throws IOException {
        Map<String, String> env = Map.of("MQTT_PASSWORD", "p", "HUB_TOKEN", "t");
        assertThat(load(GOOD, env).detector().kind()).isEqualTo(DetectorConfig.Kind.HOG);

        Path model = Files.write(dir.resolve("people.onnx"), new byte[] {1});
        AgentConfig onnx = load(GOOD.replace("analysisFps: 5", """
                analysisFps: 5
                detector:
                  kind: onnx
                  onnx: {model: %s, inputSize: 320x320, scoreThreshold: 0.5, personClass: 0, classes: 80}
                """.formatted(model)), env);
        assertThat(onnx.detector().kind()).isEqualTo(DetectorConfig.Kind.ONNX);
        assertThat(onnx.detector().onnx().model()).isEqualTo(model);
        assertThat(onnx.detector().onnx().inputWidth()).isEqualTo(320);
        assertThat(onnx.detector().onnx().scoreThreshold()).isEqualTo(0.5);

        String missing = GOOD.replace("analysisFps: 5", "analysisFps: 5\ndetector: {kind: onnx, onnx: {model: /nowhere/yolo.onnx}}");
        assertThatThrownBy(() -> load(missing, env)).hasMessageContaining("detector").hasMessageContaining("/nowhere/yolo.onnx");
        String unknownKind = GOOD.replace("analysisFps: 5", "analysisFps: 5\ndetector: {kind: yolo}");
        assertThatThrownBy(() -> load(unknownKind, env)).hasMessageContaining("hog, cascade or onnx");
    }

    @Test
    void aGatheringRuleCanAlsoFireOnDensity() throws IOException {
        AgentConfig c = load(GOOD.replace("minPeople: 6,", "minPeople: 6, minDensity: 0.4,"),
                Map.of("MQTT_PASSWORD", "p", "HUB_TOKEN", "t"));
        assertThat(c.cameras().get(0).rules().gathering().minDensity()).isEqualTo(0.4);
        String bad = GOOD.replace("minPeople: 6,", "minPeople: 6, minDensity: 2,");
        assertThatThrownBy(() -> load(bad, Map.of("MQTT_PASSWORD", "p", "HUB_TOKEN", "t"))).hasMessageContaining("minDensity");
    }
}
