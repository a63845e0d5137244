package io.gridsense.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.agent.onvif.DeviceInformation;
import io.gridsense.agent.onvif.PtzPreset;
import io.gridsense.agent.onvif.device.DeviceIdentity;
import io.gridsense.agent.onvif.device.DiscoveryResponder;
import io.gridsense.agent.onvif.device.OnvifDeviceServer;
import io.gridsense.agent.onvif.device.PublishedStream;
import io.gridsense.agent.onvif.device.RecordingPtz;
import io.gridsense.agent.onvif.device.StreamCatalog;
import io.gridsense.analytics.scene.DemoScene;
import io.gridsense.analytics.scene.SceneVideo;
import io.gridsense.deploy.bench.GstRtspServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer's camera tools as a user runs them ({@code gridsense cameras probe|discover} in their own JVM):
 * against GStreamer's RTSP server with digest auth and against the agent's ONVIF device service; no line they
 * print carries the password.
 */
class CamerasCommandTest {

    private static final String USER = "viewer";
    private static final String PASSWORD = "Pl4za-S3cret";

    @TempDir
    Path dir;

    @Test
    void probePrintsWhatTheStreamCarriesAndSavesASnapshot() throws Exception {
        try (GstRtspServer server = server()) {
            String url = server.url("cam", USER + ":" + PASSWORD);
            Path snapshot = dir.resolve("first.jpg");
            Run r = gridsense("cameras", "probe", url, "--seconds", "2", "--snapshot", snapshot.toString());
            assertThat(r.exit).as(r.output).isZero();
            assertThat(r.output).contains("codec       h264", "size        640x360", "first frame ", "snapshot    ")
                    .contains("rtsp://***@127.0.0.1:" + server.port() + "/cam")
                    .doesNotContain(PASSWORD);
            assertThat(r.output).containsPattern("fps\\s+25\\.00 nominal, [0-9.]+ measured");
            byte[] jpeg = Files.readAllBytes(snapshot);
            assertThat(jpeg.length).isGreaterThan(1000);
            assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
            assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
        }
    }

    @Test
    void probeWithAWrongPasswordSaysSoInPlainWords() throws Exception {
        try (GstRtspServer server = server()) {
            String wrong = "not-" + PASSWORD;
            Run r = gridsense("cameras", "probe", server.url("cam", USER + ":" + wrong),
                    "--seconds", "1", "--snapshot", dir.resolve("none.jpg").toString());
            assertThat(r.exit).isEqualTo(1);
            assertThat(r.output).contains("401 Unauthorized: check the camera's user name and password")
                    .doesNotContain(wrong);
        }
    }

    @Test
    void discoverFindsTheAgentsOnvifDeviceAndListsItsProfiles() throws Exception {
        StreamCatalog catalog = new StreamCatalog() {
            @Override
            public List<PublishedStream> streams() {
                return List.of(new PublishedStream("gate_sub", "gate sub-stream", "rtsp://127.0.0.1:8554/gate/sub", "H264",
                        640, 360, 25, true));
            }

            @Override
            public Optional<byte[]> snapshot(String token) {
                return Optional.empty();
            }
        };
        String epr = "urn:uuid:0b7f9d4e-5a61-4c2e-8d7a-cli000000001";
        DeviceIdentity identity = new DeviceIdentity(new DeviceInformation("gridsense", "edge-agent", "0.1.0", "SN-CLI",
                "gs-edge"), epr, "gate box", USER, PASSWORD);
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (OnvifDeviceServer device = OnvifDeviceServer.start(new InetSocketAddress(lo, 0), "127.0.0.1", identity, catalog,
                new RecordingPtz(List.of(new PtzPreset("1", "gate"))), Clock.systemUTC());
             DiscoveryResponder discovery = DiscoveryResponder.start(new InetSocketAddress(lo, 0), null, epr, device::scopes,
                     () -> List.of(device.deviceServiceUri()))) {
            Run r = gridsense(List.of("ONVIF_PASSWORD=" + PASSWORD), "cameras", "discover", "--target",
                    "127.0.0.1:" + discovery.port(), "--wait", "2", "--user", USER);
            assertThat(r.exit).as(r.output).isZero();
            assertThat(r.output).contains("1 device(s) answered", epr, "device service: " + device.deviceServiceUri())
                    .contains("gridsense edge-agent firmware 0.1.0")
                    .contains("profile gate_sub", "H264 640x360 PTZ", "onvif://" + USER + ":***@127.0.0.1:" + device.port() + "/gate_sub")
                    .doesNotContain(PASSWORD);
        }
    }

    /** One mount of a rendered walking clip, behind digest auth. */
    private GstRtspServer server() throws Exception {
        Path mp4 = dir.resolve("walking.mp4");
        SceneVideo.write(DemoScene.WALKING, 3, mp4, 640, 360, 25, Duration.ofSeconds(20));
        Path ts = GstRtspServer.toMpegTs(mp4, dir.resolve("walking.ts"));
        return GstRtspServer.start(dir, List.of("cam=" + ts + ":h264"), USER, PASSWORD);
    }

    private record Run(int exit, String output) {
    }

    private Run gridsense(String... args) throws Exception {
        return gridsense(List.of(), args);
    }

    /** Runs the CLI in its own JVM, as ./gridsense does; stdout and stderr together. */
    private Run gridsense(List<String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        for (String kv : env) {
            int eq = kv.indexOf('=');
            pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the command ended: " + out).isTrue();
        return new Run(p.exitValue(), out);
    }
}
