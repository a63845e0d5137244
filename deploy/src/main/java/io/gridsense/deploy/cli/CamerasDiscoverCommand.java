package io.gridsense.deploy.cli;

import io.gridsense.agent.onvif.DiscoveredDevice;
import io.gridsense.agent.onvif.DeviceInformation;
import io.gridsense.agent.onvif.MediaProfile;
import io.gridsense.agent.onvif.OnvifClient;
import io.gridsense.agent.onvif.OnvifException;
import io.gridsense.agent.onvif.WsDiscovery;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gridsense cameras discover}: a WS-Discovery probe on one interface, then each answer's profiles. */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Sends an ONVIF WS-Discovery probe from one network interface and lists the devices that",
            "answer. With --user and --password (or ${ONVIF_PASSWORD}) each device's model and profiles are read too."})
public final class CamerasDiscoverCommand implements Callable<Integer> {

    @Option(names = "--interface", description = "network interface to probe from, e.g. eth0; default: the system's choice")
    String iface;

    @Option(names = "--target", description = "probe this host:port by unicast instead of the multicast group")
    String target;

    @Option(names = "--wait", defaultValue = "3", description = "seconds to wait for answers; default ${DEFAULT-VALUE}")
    int waitSeconds;

    @Option(names = "--user", description = "ONVIF user, to read each device's profiles")
    String user;

    @Option(names = "--password", description = "ONVIF password; default: the ONVIF_PASSWORD environment variable")
    String password;

    @Override
    public Integer call() throws Exception {
        NetworkInterface nif = null;
        if (iface != null) {
            nif = NetworkInterface.getByName(iface);
            if (nif == null) {
                System.err.println("gridsense cameras discover: no network interface '" + iface + "'");
                return 2;
            }
        }
        InetSocketAddress to = WsDiscovery.MULTICAST;
        if (target != null) {
            URI u = URI.create("udp://" + target);
            to = new InetSocketAddress(u.getHost(), u.getPort() < 0 ? 3702 : u.getPort());
        }
        List<DiscoveredDevice> found = WsDiscovery.probe(nif, to, Duration.ofSeconds(waitSeconds));
        System.out.println("gridsense cameras discover: " + found.size() + " device(s) answered");
        String pass = password != null ? password : System.getenv("ONVIF_PASSWORD");
        for (DiscoveredDevice d : found) {
            System.out.println("- " + d.endpointReference() + "  name=" + d.scope("name") + "  hardware=" + d.scope("hardware"));
            for (URI x : d.xaddrs()) {
                System.out.println("    device service: " + x);
            }
            if (user != null && !d.xaddrs().isEmpty()) {
                describe(d.xaddrs().get(0), pass);
            }
        }
        return 0;
    }

    private void describe(URI xaddr, String pass) {
        try {
            OnvifClient c = new OnvifClient(xaddr, user, pass, Duration.ofSeconds(5), Clock.systemUTC()).connect();
            DeviceInformation info = c.getDeviceInformation();
            System.out.println("    " + info.manufacturer() + " " + info.model() + " firmware " + info.firmwareVersion()
                    + ", clock offset " + c.clockOffset().toSeconds() + " s");
            for (MediaProfile p : c.getProfiles()) {
                System.out.println("    profile " + p.token() + " (" + p.name() + "): " + p.encoding() + " " + p.width() + "x"
                        + p.height() + (p.hasPtz() ? " PTZ" : "") + "  onvif://" + user + ":***@" + xaddr.getHost() + ":"
                        + (xaddr.getPort() < 0 ? 80 : xaddr.getPort()) + "/" + p.token());
            }
        } catch (OnvifException e) {
            System.out.println("    cannot read it: " + e.getMessage());
        }
    }
}
