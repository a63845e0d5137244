package io.gridsense.agent.onvif;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.w3c.dom.Element;

/**
 * WS-Discovery (2005/04, as ONVIF uses it) over UDP: the Probe for NetworkVideoTransmitters sent from a chosen
 * interface to the multicast group (or to one address), the ProbeMatches collected; and the message builders
 * that the device side answers with.
 */
public final class WsDiscovery {

    /** The WS-Discovery multicast group and port. */
    public static final InetSocketAddress MULTICAST = new InetSocketAddress("239.255.255.250", 3702);
    public static final String ACTION_PROBE = OnvifNs.WSD + "/Probe";
    public static final String ACTION_PROBE_MATCHES = OnvifNs.WSD + "/ProbeMatches";
    private static final String TO_DISCOVERY = "urn:schemas-xmlsoap-org:ws:2005:04:discovery";
    private static final String ANONYMOUS = OnvifNs.WSA + "/role/anonymous";

    private WsDiscovery() {
    }

    /**
     * Sends a Probe from {@code nif} (null: the system's choice) to {@code target} and collects the matches
     * that arrive within {@code wait}, one per device.
     */
    public static List<DiscoveredDevice> probe(NetworkInterface nif, InetSocketAddress target, Duration wait) throws IOException {
        String messageId = "uuid:" + UUID.randomUUID();
        byte[] probe = probeMessage(messageId).toBytes();
        Map<String, DiscoveredDevice> found = new LinkedHashMap<>();
        InetAddress bind = nif == null ? null : nif.inetAddresses().filter(a -> a instanceof Inet4Address).findFirst().orElse(null);
        try (MulticastSocket socket = new MulticastSocket(new InetSocketAddress(bind, 0))) {
            if (nif != null) {
                socket.setNetworkInterface(nif);
            }
            socket.setTimeToLive(1);
            socket.send(new DatagramPacket(probe, probe.length, target));
            long deadline = System.nanoTime() + wait.toNanos();
            byte[] buf = new byte[65_535];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, left));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                }
                for (DiscoveredDevice d : parseMatches(Arrays.copyOf(p.getData(), p.getLength()), messageId)) {
                    found.putIfAbsent(d.endpointReference(), d);
                }
            }
        }
        return List.copyOf(found.values());
    }

    /** A Probe for ONVIF NetworkVideoTransmitters. */
    public static SoapEnvelope probeMessage(String messageId) {
        SoapEnvelope env = SoapEnvelope.create();
        addressing(env.header(), ACTION_PROBE, messageId, null, TO_DISCOVERY);
        Element replyTo = Xml.add(env.header(), OnvifNs.WSA, "wsa:ReplyTo");
        Xml.add(replyTo, OnvifNs.WSA, "wsa:Address", ANONYMOUS);
        Element probe = Xml.add(env.body(), OnvifNs.WSD, "wsd:Probe");
        Element types = Xml.add(probe, OnvifNs.WSD, "wsd:Types", "dn:NetworkVideoTransmitter");
        types.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:dn", OnvifNs.NETWORK);
        return env;
    }

    /** The answer to a probe whose MessageID is {@code relatesTo}. */
    public static SoapEnvelope probeMatches(String relatesTo, String endpointReference, List<String> scopes, List<URI> xaddrs) {
        SoapEnvelope env = SoapEnvelope.create();
        addressing(env.header(), ACTION_PROBE_MATCHES, "uuid:" + UUID.randomUUID(), relatesTo, ANONYMOUS);
        Element matches = Xml.add(env.body(), OnvifNs.WSD, "wsd:ProbeMatches");
        Element match = Xml.add(matches, OnvifNs.WSD, "wsd:ProbeMatch");
        Element epr = Xml.add(match, OnvifNs.WSA, "wsa:EndpointReference");
        Xml.add(epr, OnvifNs.WSA, "wsa:Address", endpointReference);
        Element types = Xml.add(match, OnvifNs.WSD, "wsd:Types", "dn:NetworkVideoTransmitter tds:Device");
        types.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:dn", OnvifNs.NETWORK);
        Xml.add(match, OnvifNs.WSD, "wsd:Scopes", String.join(" ", scopes));
        Xml.add(match, OnvifNs.WSD, "wsd:XAddrs", String.join(" ", xaddrs.stream().map(URI::toString).toList()));
        Xml.add(match, OnvifNs.WSD, "wsd:MetadataVersion", "1");
        return env;
    }

    /** The devices in a ProbeMatches message answering {@code messageId} (any, when null); none when it is not one. */
    public static List<DiscoveredDevice> parseMatches(byte[] bytes, String messageId) {
        SoapEnvelope env;
        try {
            env = SoapEnvelope.parse(bytes);
        } catch (OnvifException e) {
            return List.of();
        }
        String relates = Xml.text(env.header(), "RelatesTo");
        if (messageId != null && relates != null && !messageId.equals(relates)) {
            return List.of();
        }
        List<DiscoveredDevice> out = new ArrayList<>();
        for (Element m : Xml.findAll(env.body(), OnvifNs.WSD, "ProbeMatch")) {
            Element epr = Xml.find(m, OnvifNs.WSA, "EndpointReference");
            List<URI> xaddrs = new ArrayList<>();
            for (String x : words(Xml.text(m, "XAddrs"))) {
                try {
                    xaddrs.add(URI.create(x));
                } catch (IllegalArgumentException ignored) {
                    // a malformed address from one device must not hide the others
                }
            }
            out.add(new DiscoveredDevice(epr == null ? "" : Xml.text(epr, "Address"), xaddrs, words(Xml.text(m, "Types")),
                    words(Xml.text(m, "Scopes"))));
        }
        return out;
    }

    /** The MessageID of a Probe, or null when {@code bytes} are not a Probe. */
    public static String probeMessageId(byte[] bytes) {
        try {
            SoapEnvelope env = SoapEnvelope.parse(bytes);
            return Xml.find(env.body(), OnvifNs.WSD, "Probe") == null ? null : Xml.text(env.header(), "MessageID");
        } catch (OnvifException e) {
            return null;
        }
    }

    private static void addressing(Element header, String action, String messageId, String relatesTo, String to) {
        Xml.add(header, OnvifNs.WSA, "wsa:Action", action).setAttributeNS(OnvifNs.SOAP, "s:mustUnderstand", "1");
        Xml.add(header, OnvifNs.WSA, "wsa:MessageID", messageId);
        if (relatesTo != null) {
            Xml.add(header, OnvifNs.WSA, "wsa:RelatesTo", relatesTo);
        }
        Xml.add(header, OnvifNs.WSA, "wsa:To", to).setAttributeNS(OnvifNs.SOAP, "s:mustUnderstand", "1");
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
    }
}
