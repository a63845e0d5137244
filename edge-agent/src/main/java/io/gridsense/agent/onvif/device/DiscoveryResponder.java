package io.gridsense.agent.onvif.device;

import io.gridsense.agent.onvif.WsDiscovery;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers WS-Discovery Probes for the device service: on the multicast group when given an interface, and on
 * its own address always (a unicast probe, which also serves networks where multicast does not pass).
 */
public final class DiscoveryResponder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DiscoveryResponder.class);

    private final MulticastSocket socket;
    private final Thread thread;
    private final String endpointReference;
    private final Supplier<List<String>> scopes;
    private final Supplier<List<URI>> xaddrs;
    private volatile boolean running = true;

    private DiscoveryResponder(MulticastSocket socket, String endpointReference, Supplier<List<String>> scopes,
                               Supplier<List<URI>> xaddrs) {
        this.socket = socket;
        this.endpointReference = endpointReference;
        this.scopes = scopes;
        this.xaddrs = xaddrs;
        this.thread = new Thread(this::loop, "ws-discovery");
        this.thread.setDaemon(true);
    }

    /**
     * Listens on {@code bind} (port 3702 for real discovery); joins the multicast group on {@code joinOn} when
     * it is not null.
     */
    public static DiscoveryResponder start(InetSocketAddress bind, NetworkInterface joinOn, String endpointReference,
                                           Supplier<List<String>> scopes, Supplier<List<URI>> xaddrs) throws IOException {
        MulticastSocket s = new MulticastSocket(bind);
        if (joinOn != null) {
            s.joinGroup(WsDiscovery.MULTICAST, joinOn);
        }
        DiscoveryResponder r = new DiscoveryResponder(s, endpointReference, scopes, xaddrs);
        r.thread.start();
        log.info("event=ws_discovery_started bind={} multicast={}", s.getLocalSocketAddress(),
                joinOn == null ? "off" : joinOn.getName());
        return r;
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void loop() {
        byte[] buf = new byte[65_535];
        while (running) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                String messageId = WsDiscovery.probeMessageId(Arrays.copyOf(p.getData(), p.getLength()));
                if (messageId == null) {
                    continue; // not a probe (Hello, Bye, or a stranger's traffic)
                }
                byte[] answer = WsDiscovery.probeMatches(messageId, endpointReference, scopes.get(), xaddrs.get()).toBytes();
                socket.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
                log.debug("event=ws_discovery_answered to={}", p.getSocketAddress());
            } catch (SocketException e) {
                if (running) {
                    log.warn("event=ws_discovery_failed error=\"{}\"", e.getMessage());
                }
                return;
            } catch (IOException | RuntimeException e) {
                log.warn("event=ws_discovery_bad_packet error=\"{}\"", e.toString());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        socket.close();
    }
}
