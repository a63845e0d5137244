package io.gridsense.agent.onvif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The agent's ONVIF device service held to account by two independent clients from npm, {@code onvif} and
 * {@code node-onvif} (installed by {@code npm ci} in src/test/node): discovery, profiles, stream URI, PTZ,
 * WS-Security and HTTP Digest accepted, a wrong password refused.
 */
class OnvifNodeClientsTest {

    private static final Path NODE_DIR = Path.of("src/test/node").toAbsolutePath();

    @Test
    void independentNpmClientsAcceptTheDeviceService() throws Exception {
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/onvif")) || !Files.isDirectory(NODE_DIR.resolve("node_modules/node-onvif"))) {
            throw new IOException("npm clients missing: run `npm ci --prefix edge-agent/src/test/node`");
        }
        try (DeviceFixture device = new DeviceFixture()) {
            Process p = new ProcessBuilder("node", "onvif_peers.js", Integer.toString(device.server.port()),
                    Integer.toString(device.discovery.port()), DeviceFixture.USER, DeviceFixture.PASSWORD)
                    .directory(NODE_DIR.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            System.out.println("onvif_peers " + out.trim());
            assertThat(p.exitValue()).isZero();
            JsonNode r = new ObjectMapper().readTree(out);
            String uri = device.server.deviceServiceUri().toString();

            assertThat(r.at("/onvifDiscovery/0/xaddrs").asText()).isEqualTo(uri);
            assertThat(r.at("/onvifWsSecurity/model").asText()).isEqualTo("edge-agent");
            assertThat(r.at("/onvifWsSecurity/profiles")).hasSize(2);
            assertThat(r.at("/onvifWsSecurity/streamUri").asText()).isEqualTo("rtsp://127.0.0.1:8554/cam1/sub");
            assertThat(r.at("/onvifDigest/streamUri").asText()).isEqualTo("rtsp://127.0.0.1:8554/cam1/sub");
            assertThat(r.at("/onvifWrongPassword/error").asText()).isNotBlank();
            assertThat(r.at("/onvifDigestWrongPassword/error").asText()).isNotBlank();
            assertThat(r.at("/nodeOnvifDiscovery/0/xaddrs/0").asText()).isEqualTo(uri);
            assertThat(r.at("/nodeOnvif/model").asText()).isEqualTo("edge-agent");
            assertThat(r.at("/nodeOnvif/streamUri").asText()).isEqualTo("rtsp://127.0.0.1:8554/cam1/sub");
            assertThat(r.at("/nodeOnvif/width").asInt()).isEqualTo(640);
            assertThat(r.at("/nodeOnvifWrongPassword/error").asText()).isNotBlank();
            assertThat(device.ptz.commands()).contains("move cam1_sub 0.5 -0.25 0.0 PT2S", "stop cam1_sub", "goto cam1_sub 1");
            assertThat(device.ptz.commands()).anyMatch(c -> c.startsWith("move cam1_sub -0.5 0.0 0.5"));
        }
    }
}
