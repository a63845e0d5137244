package io.gridsense.agent.onvif;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * An ONVIF client for one device: clock offset (applied to every security header), device information,
 * service addresses, media profiles, stream and snapshot URIs, and PTZ. Messages are built with DOM; every
 * authenticated call carries a WS-Security UsernameToken (PasswordDigest), and HTTP Digest is answered when
 * the device asks for it.
 */
public final class OnvifClient {

    private final URI deviceService;
    private final String user;
    private final String password;
    private final SoapTransport transport;
    private final Clock clock;
    private volatile Duration clockOffset = Duration.ZERO;
    private volatile URI mediaService;
    private volatile URI ptzService;

    public OnvifClient(URI deviceService, String user, String password, Duration timeout, Clock clock) {
        this.deviceService = deviceService;
        this.user = user;
        this.password = password;
        this.transport = new SoapTransport(timeout, user, password);
        this.clock = clock;
    }

    /** A client for {@code http://host:port/onvif/device_service} with a 5 s timeout. */
    public static OnvifClient of(String host, int port, String user, String password) {
        return new OnvifClient(URI.create("http://" + host + ":" + port + "/onvif/device_service"), user, password,
                Duration.ofSeconds(5), Clock.systemUTC());
    }

    /** Reads the device's clock (needs no credentials) and the media and PTZ service addresses. */
    public OnvifClient connect() throws OnvifException {
        Instant device = getSystemDateAndTime();
        clockOffset = Duration.between(clock.instant(), device);
        getCapabilities();
        return this;
    }

    /** Device time minus local time, as measured by {@link #connect()}. */
    public Duration clockOffset() {
        return clockOffset;
    }

    /** The device's UTC clock. */
    public Instant getSystemDateAndTime() throws OnvifException {
        SoapEnvelope req = SoapEnvelope.create();
        Xml.add(req.body(), OnvifNs.DEVICE, "tds:GetSystemDateAndTime");
        Element r = send(deviceService, OnvifNs.DEVICE + "/GetSystemDateAndTime", req, false);
        Element utc = Xml.find(r, OnvifNs.SCHEMA, "UTCDateTime");
        if (utc == null) {
            throw new OnvifException(OnvifException.Kind.NOT_ONVIF, "not an ONVIF device: no UTCDateTime in GetSystemDateAndTime");
        }
        Element date = Xml.find(utc, OnvifNs.SCHEMA, "Date");
        Element time = Xml.find(utc, OnvifNs.SCHEMA, "Time");
        return LocalDate.of(num(date, "Year"), num(date, "Month"), num(date, "Day"))
                .atTime(LocalTime.of(num(time, "Hour"), num(time, "Minute"), num(time, "Second")))
                .toInstant(ZoneOffset.UTC);
    }

    public DeviceInformation getDeviceInformation() throws OnvifException {
        SoapEnvelope req = SoapEnvelope.create();
        Xml.add(req.body(), OnvifNs.DEVICE, "tds:GetDeviceInformation");
        Element r = send(deviceService, OnvifNs.DEVICE + "/GetDeviceInformation", req, true);
        return new DeviceInformation(Xml.text(r, "Manufacturer"), Xml.text(r, "Model"), Xml.text(r, "FirmwareVersion"),
                Xml.text(r, "SerialNumber"), Xml.text(r, "HardwareId"));
    }

    /** GetCapabilities: remembers the media and PTZ service addresses the device names. */
    public void getCapabilities() throws OnvifException {
        SoapEnvelope req = SoapEnvelope.create();
        Element get = Xml.add(req.body(), OnvifNs.DEVICE, "tds:GetCapabilities");
        Xml.add(get, OnvifNs.DEVICE, "tds:Category", "All");
        Element r = send(deviceService, OnvifNs.DEVICE + "/GetCapabilities", req, true);
        mediaService = xaddr(Xml.find(r, OnvifNs.SCHEMA, "Media"));
        ptzService = xaddr(Xml.find(r, OnvifNs.SCHEMA, "PTZ"));
    }

    /** GetServices: each service's namespace and address. */
    public List<ServiceAddress> getServices() throws OnvifException {
        SoapEnvelope req = SoapEnvelope.create();
        Element get = Xml.add(req.body(), OnvifNs.DEVICE, "tds:GetServices");
        Xml.add(get, OnvifNs.DEVICE, "tds:IncludeCapability", "false");
        Element r = send(deviceService, OnvifNs.DEVICE + "/GetServices", req, true);
        List<ServiceAddress> out = new ArrayList<>();
        for (Element s : Xml.findAll(r, OnvifNs.DEVICE, "Service")) {
            out.add(new ServiceAddress(Xml.text(s, "Namespace"), URI.create(Xml.text(s, "XAddr"))));
        }
        return out;
    }

    public List<MediaProfile> getProfiles() throws OnvifException {
        SoapEnvelope req = SoapEnvelope.create();
        Xml.add(req.body(), OnvifNs.MEDIA, "trt:GetProfiles");
        Element r = send(media(), OnvifNs.MEDIA + "/GetProfiles", req, true);
        List<MediaProfile> out = new ArrayList<>();
        for (Element p : Xml.findAll(r, OnvifNs.MEDIA, "Profiles")) {
            Element enc = Xml.find(p, OnvifNs.SCHEMA, "VideoEncoderConfiguration");
            Element res = enc == null ? null : Xml.find(enc, OnvifNs.SCHEMA, "Resolution");
            Element ptz = Xml.find(p, OnvifNs.SCHEMA, "PTZConfiguration");
            out.add(new MediaProfile(p.getAttribute("token"), Xml.text(p, "Name"), enc == null ? null : Xml.text(enc, "Encoding"),
                    res == null ? 0 : num(res, "Width"), res == null ? 0 : num(res, "Height"),
                    ptz == null ? null : ptz.getAttribute("token")));
        }
        return out;
    }

    /** The RTSP URI of a profile (RTP unicast over RTSP). */
    public URI getStreamUri(String profileToken) throws OnvifException {
        SoapEnvelope req = SoapEnvelope.create();
        Element get = Xml.add(req.body(), OnvifNs.MEDIA, "trt:GetStreamUri");
        Element setup = Xml.add(get, OnvifNs.MEDIA, "trt:StreamSetup");
        Xml.add(setup, OnvifNs.SCHEMA, "tt:Stream", "RTP-Unicast");
        Element t = Xml.add(setup, OnvifNs.SCHEMA, "tt:Transport");
        Xml.add(t, OnvifNs.SCHEMA, "tt:Protocol", "RTSP");
        Xml.add(get, OnvifNs.MEDIA, "trt:ProfileToken", profileToken);
        return uri(send(media(), OnvifNs.MEDIA + "/GetStreamUri", req, true));
    }

    public URI getSnapshotUri(String profileToken) throws OnvifException {
        SoapEnvelope req = SoapEnvelope.create();
        Element get = Xml.add(req.body(), OnvifNs.MEDIA, "trt:GetSnapshotUri");
        Xml.add(get, OnvifNs.MEDIA, "trt:ProfileToken", profileToken);
        return uri(send(media(), OnvifNs.MEDIA + "/GetSnapshotUri", req, true));
    }

    /** Starts moving at the given speeds (-1..1) for at most {@code timeout}. */
    public void continuousMove(String profileToken, double pan, double tilt, double zoom, Duration timeout) throws OnvifException {
        SoapEnvelope req = SoapEnvelope.create();
        Element move = Xml.add(req.body(), OnvifNs.PTZ, "tptz:ContinuousMove");
        Xml.add(move, OnvifNs.PTZ, "tptz:ProfileToken", profileToken);
        Element v = Xml.add(move, OnvifNs.PTZ, "tptz:Velocity");
        Element pt = Xml.add(v, OnvifNs.SCHEMA, "tt:PanTilt");
        pt.setAttribute("x", Double.toString(pan));
        pt.setAttribute("y", Double.toString(tilt));
        Xml.add(v, OnvifNs.SCHEMA, "tt:Zoom").setAttribute("x", Double.toString(zoom));
        if (timeout != null) {
            Xml.add(move, OnvifNs.PTZ, "tptz:Timeout", timeout.toString());
        }
        send(ptz(), OnvifNs.PTZ + "/ContinuousMove", req, true);
    }

    public void stop(String profileToken) throws OnvifException {
        SoapEnvelope req = SoapEnvelope.create();
        Element stop = Xml.add(req.body(), OnvifNs.PTZ, "tptz:Stop");
        Xml.add(stop, OnvifNs.PTZ, "tptz:ProfileToken", profileToken);
        Xml.add(stop, OnvifNs.PTZ, "tptz:PanTilt", "true");
        Xml.add(stop, OnvifNs.PTZ, "tptz:Zoom", "true");
        send(ptz(), OnvifNs.PTZ + "/Stop", req, true);
    }

    public List<PtzPreset> getPresets(String profileToken) throws OnvifException {
        SoapEnvelope req = SoapEnvelope.create();
        Element get = Xml.add(req.body(), OnvifNs.PTZ, "tptz:GetPresets");
        Xml.add(get, OnvifNs.PTZ, "tptz:ProfileToken", profileToken);
        Element r = send(ptz(), OnvifNs.PTZ + "/GetPresets", req, true);
        List<PtzPreset> out = new ArrayList<>();
        for (Element p : Xml.findAll(r, OnvifNs.PTZ, "Preset")) {
            out.add(new PtzPreset(p.getAttribute("token"), Xml.text(p, "Name")));
        }
        return out;
    }

    public void gotoPreset(String profileToken, String presetToken) throws OnvifException {
        SoapEnvelope req = SoapEnvelope.create();
        Element go = Xml.add(req.body(), OnvifNs.PTZ, "tptz:GotoPreset");
        Xml.add(go, OnvifNs.PTZ, "tptz:ProfileToken", profileToken);
        Xml.add(go, OnvifNs.PTZ, "tptz:PresetToken", presetToken);
        send(ptz(), OnvifNs.PTZ + "/GotoPreset", req, true);
    }

    private Element send(URI endpoint, String action, SoapEnvelope req, boolean authenticate) throws OnvifException {
        if (authenticate && user != null) {
            // the device checks Created against its own clock: send its time, not ours
            UsernameToken.write(req.header(), UsernameToken.create(user, password, clock.instant().plus(clockOffset)));
        }
        Element payload = transport.call(endpoint, action, req).payload();
        if (payload == null) {
            throw new OnvifException(OnvifException.Kind.NOT_ONVIF, "not an ONVIF device: empty SOAP body for " + action);
        }
        return payload;
    }

    private URI media() throws OnvifException {
        if (mediaService == null) {
            getCapabilities();
        }
        if (mediaService == null) {
            throw new OnvifException(OnvifException.Kind.FAULT, "the device names no media service");
        }
        return mediaService;
    }

    private URI ptz() throws OnvifException {
        if (ptzService == null) {
            getCapabilities();
        }
        if (ptzService == null) {
            throw new OnvifException(OnvifException.Kind.FAULT, "the device has no PTZ service");
        }
        return ptzService;
    }

    private static URI xaddr(Element service) {
        String x = service == null ? null : Xml.text(service, "XAddr");
        return x == null || x.isBlank() ? null : URI.create(x);
    }

    private static URI uri(Element response) throws OnvifException {
        String u = Xml.text(response, "Uri");
        if (u == null || u.isBlank()) {
            throw new OnvifException(OnvifException.Kind.FAULT, "the device returned no URI");
        }
        return URI.create(u);
    }

    private static int num(Element parent, String local) throws OnvifException {
        String t = parent == null ? null : Xml.text(parent, local);
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException | NullPointerException e) {
            throw new OnvifException(OnvifException.Kind.NOT_ONVIF, "not an ONVIF device: bad or missing " + local);
        }
    }
}
