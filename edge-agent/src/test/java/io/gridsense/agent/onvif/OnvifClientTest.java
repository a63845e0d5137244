package io.gridsense.agent.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ONVIF client against the agent's own device service, and its plain-words errors against non-ONVIF peers. */
class OnvifClientTest {

    static DeviceFixture device;

    @BeforeAll
    static void start() throws Exception {
        device = new DeviceFixture();
    }

    @AfterAll
    static void stop() {
        device.close();
    }

    private static OnvifClient client(String password) {
        return new OnvifClient(device.server.deviceServiceUri(), DeviceFixture.USER, password, Duration.ofSeconds(3),
                Clock.systemUTC());
    }

    @Test
    void passwordDigestFollowsTheSpecification() throws Exception {
        byte[] nonce = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        String created = "2024-01-02T03:04:05.000Z";
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        byte[] concat = (new String(nonce, StandardCharsets.US_ASCII) + created + "pw").getBytes(StandardCharsets.UTF_8);
        assertThat(UsernameToken.digest(nonce, created, "pw")).isEqualTo(Base64.getEncoder().encodeToString(sha1.digest(concat)));
        UsernameToken.Fields t = UsernameToken.create("u", "pw", Instant.now());
        assertThat(UsernameToken.verify(t, "pw")).isTrue();
        assertThat(UsernameToken.verify(t, "other")).isFalse();
    }

    @Test
    void readsTheDeviceItsProfilesStreamsAndDrivesPtz() throws Exception {
        OnvifClient c = client(DeviceFixture.PASSWORD).connect();
        assertThat(c.clockOffset().abs()).isLessThan(Duration.ofSeconds(2));
        assertThat(c.getDeviceInformation().model()).isEqualTo("edge-agent");
        assertThat(c.getServices()).extracting(ServiceAddress::namespace).contains(OnvifNs.MEDIA, OnvifNs.PTZ);
        List<MediaProfile> profiles = c.getProfiles();
        assertThat(profiles).extracting(MediaProfile::token).containsExactly("cam1_sub", "cam1_main");
        assertThat(profiles.get(0).width()).isEqualTo(640);
        assertThat(profiles.get(0).hasPtz()).isTrue();
        assertThat(c.getStreamUri("cam1_sub")).isEqualTo(URI.create("rtsp://127.0.0.1:8554/cam1/sub"));
        assertThat(c.getSnapshotUri("cam1_sub").toString()).contains("/onvif/snapshot?token=cam1_sub");
        c.continuousMove("cam1_sub", 0.5, 0, 0, Duration.ofSeconds(1));
        c.stop("cam1_sub");
        assertThat(c.getPresets("cam1_sub")).extracting(PtzPreset::name).containsExactly("gate", "square");
        c.gotoPreset("cam1_sub", "2");
        assertThat(device.ptz.commands()).contains("move cam1_sub 0.5 0.0 0.0 PT1S", "stop cam1_sub", "goto cam1_sub 2");
        assertThatThrownBy(() -> c.gotoPreset("cam1_sub", "99")).isInstanceOf(OnvifException.class)
                .hasMessageContaining("NoToken");
        assertThatThrownBy(() -> c.getStreamUri("nope")).hasMessageContaining("NoProfile");
    }

    @Test
    void wrongPasswordIsNotAuthorized() throws Exception {
        OnvifClient c = client("wrong").connect(); // the clock and capabilities need no password
        assertThatThrownBy(c::getDeviceInformation).isInstanceOfSatisfying(OnvifException.class,
                e -> assertThat(e.kind()).isEqualTo(OnvifException.Kind.NOT_AUTHORIZED));
    }

    @Test
    void httpDigestIsAnsweredWhenTheDeviceAsksForIt() throws Exception {
        SoapTransport t = new SoapTransport(Duration.ofSeconds(3), DeviceFixture.USER, DeviceFixture.PASSWORD);
        SoapEnvelope req = SoapEnvelope.create();
        Xml.add(req.body(), OnvifNs.DEVICE, "tds:GetDeviceInformation");
        // no UsernameToken: the device answers 401 with a Digest challenge and the transport retries
        SoapEnvelope answer = t.call(device.server.deviceServiceUri(), OnvifNs.DEVICE + "/GetDeviceInformation", req);
        assertThat(Xml.text(answer.payload(), "SerialNumber")).isEqualTo("SN0001");
        SoapTransport wrong = new SoapTransport(Duration.ofSeconds(3), DeviceFixture.USER, "wrong");
        assertThatThrownBy(() -> wrong.call(device.server.deviceServiceUri(), OnvifNs.DEVICE + "/GetDeviceInformation", req))
                .hasMessageStartingWith("401 Unauthorized");
    }

    @Test
    void discoveryProbeOnLoopbackUnicast() throws Exception {
        List<DiscoveredDevice> found = WsDiscovery.probe(null, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                device.discovery.port()), Duration.ofMillis(800));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).endpointReference()).isEqualTo(DeviceFixture.EPR);
        assertThat(found.get(0).xaddrs()).containsExactly(device.server.deviceServiceUri());
        assertThat(found.get(0).scope("name")).isEqualTo("gridsense_edge");
    }

    /**
     * The multicast path a real probe takes: the responder joins the WS-Discovery group on the chosen interface
     * (loopback, on a free port instead of 3702 so tests never clash) and the probe goes to the group from it.
     */
    @Test
    void discoveryProbeByMulticastOnAChosenInterface() throws Exception {
        java.net.NetworkInterface lo = java.net.NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
        int port;
        try (java.net.DatagramSocket free = new java.net.DatagramSocket(0)) {
            port = free.getLocalPort();
        }
        String epr = "urn:uuid:6b0e8f36-0c4e-4c7a-9d55-3c1f7f0a00mc";
        try (io.gridsense.agent.onvif.device.DiscoveryResponder multicast = io.gridsense.agent.onvif.device.DiscoveryResponder.start(
                new InetSocketAddress(port), lo, epr, device.server::scopes, () -> List.of(device.server.deviceServiceUri()))) {
            InetSocketAddress group = new InetSocketAddress(WsDiscovery.MULTICAST.getAddress(), port);
            List<DiscoveredDevice> found = WsDiscovery.probe(lo, group, Duration.ofSeconds(1));
            assertThat(found).extracting(DiscoveredDevice::endpointReference).containsExactly(epr);
            assertThat(found.get(0).xaddrs()).containsExactly(device.server.deviceServiceUri());
        }
    }

    @Test
    void onvifUrlResolvesToTheProfilesRtspUrlWithCredentials() throws Exception {
        String url = "onvif://admin:Gr1d-sense!@127.0.0.1:" + device.server.port() + "/cam1_main";
        assertThat(new OnvifResolver(Duration.ofSeconds(3), Clock.systemUTC()).resolve(url))
                .isEqualTo("rtsp://admin:Gr1d-sense!@127.0.0.1:8554/cam1/main");
    }

    @Test
    void plainWordsForHostsThatAreNotOnvif() throws Exception {
        HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        web.createContext("/", ex -> {
            byte[] html = "<html><body>router login</body></html>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(404, html.length);
            ex.getResponseBody().write(html);
            ex.close();
        });
        web.start();
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            OnvifClient notOnvif = OnvifClient.of("127.0.0.1", web.getAddress().getPort(), "a", "b");
            assertThatThrownBy(notOnvif::connect).isInstanceOfSatisfying(OnvifException.class,
                    e -> assertThat(e.kind()).isEqualTo(OnvifException.Kind.NOT_ONVIF));
            OnvifClient quiet = new OnvifClient(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/onvif/device_service"),
                    "a", "b", Duration.ofMillis(700), Clock.systemUTC());
            assertThatThrownBy(quiet::connect).isInstanceOfSatisfying(OnvifException.class,
                    e -> assertThat(e.kind()).isEqualTo(OnvifException.Kind.TIMEOUT));
            int closed;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = s.getLocalPort();
            }
            assertThatThrownBy(OnvifClient.of("127.0.0.1", closed, "a", "b")::connect)
                    .hasMessageStartingWith("connection refused");
        } finally {
            web.stop(0);
        }
    }
}
