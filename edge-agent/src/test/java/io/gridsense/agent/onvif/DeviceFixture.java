package io.gridsense.agent.onvif;

import io.gridsense.agent.onvif.device.DeviceIdentity;
import io.gridsense.agent.onvif.device.DiscoveryResponder;
import io.gridsense.agent.onvif.device.OnvifDeviceServer;
import io.gridsense.agent.onvif.device.PublishedStream;
import io.gridsense.agent.onvif.device.RecordingPtz;
import io.gridsense.agent.onvif.device.StreamCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The agent's ONVIF device service and discovery responder on loopback, with two streams and a recording PTZ. */
final class DeviceFixture implements AutoCloseable {

    static final String USER = "admin";
    static final String PASSWORD = "Gr1d-sense!";
    static final String EPR = "urn:uuid:6b0e8f36-0c4e-4c7a-9d55-3c1f7f0a0001";

    final RecordingPtz ptz = new RecordingPtz(List.of(new PtzPreset("1", "gate"), new PtzPreset("2", "square")));
    final OnvifDeviceServer server;
    final DiscoveryResponder discovery;

    DeviceFixture() throws IOException {
        StreamCatalog catalog = new StreamCatalog() {
            @Override
            public List<PublishedStream> streams() {
                return List.of(
                        new PublishedStream("cam1_sub", "cam1 sub-stream", "rtsp://127.0.0.1:8554/cam1/sub", "H264", 640, 360, 25, true),
                        new PublishedStream("cam1_main", "cam1 main stream", "rtsp://127.0.0.1:8554/cam1/main", "H264", 1920, 1080, 25, false));
            }

            @Override
            public Optional<byte[]> snapshot(String token) {
                return Optional.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
            }
        };
        DeviceIdentity identity = new DeviceIdentity(new DeviceInformation("gridsense", "edge-agent", "0.1.0", "SN0001",
                "gs-edge"), EPR, "gridsense edge", USER, PASSWORD);
        InetAddress lo = InetAddress.getLoopbackAddress();
        server = OnvifDeviceServer.start(new InetSocketAddress(lo, 0), "127.0.0.1", identity, catalog, ptz, Clock.systemUTC());
        discovery = DiscoveryResponder.start(new InetSocketAddress(lo, 0), null, EPR, server::scopes,
                () -> List.of(server.deviceServiceUri()));
    }

    @Override
    public void close() {
        discovery.close();
        server.close();
    }
}
