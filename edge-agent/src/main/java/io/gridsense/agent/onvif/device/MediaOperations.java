package io.gridsense.agent.onvif.device;

import io.gridsense.agent.onvif.OnvifNs;
import io.gridsense.agent.onvif.Xml;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.w3c.dom.Element;

/** The ONVIF media service's answers: one profile per published stream, its video source, stream and snapshot URIs. */
final class MediaOperations {

    private final StreamCatalog catalog;

    MediaOperations(StreamCatalog catalog) {
        this.catalog = catalog;
    }

    void answer(String op, Element request, Element body, String base) throws DeviceFault {
        switch (op) {
            case "GetProfiles" -> {
                Element r = Xml.add(body, OnvifNs.MEDIA, "trt:GetProfilesResponse");
                for (PublishedStream s : catalog.streams()) {
                    profile(r, "trt:Profiles", s);
                }
            }
            case "GetProfile" -> profile(Xml.add(body, OnvifNs.MEDIA, "trt:GetProfileResponse"), "trt:Profile",
                    stream(Xml.text(request, "ProfileToken")));
            case "GetVideoSources" -> {
                Element r = Xml.add(body, OnvifNs.MEDIA, "trt:GetVideoSourcesResponse");
                for (PublishedStream s : catalog.streams()) {
                    Element vs = Xml.add(r, OnvifNs.MEDIA, "trt:VideoSources");
                    vs.setAttribute("token", "vs_" + s.token());
                    Xml.add(vs, OnvifNs.SCHEMA, "tt:Framerate", Integer.toString(s.fps()));
                    resolution(vs, s);
                }
            }
            case "GetStreamUri" -> mediaUri(Xml.add(body, OnvifNs.MEDIA, "trt:GetStreamUriResponse"),
                    stream(Xml.text(request, "ProfileToken")).rtspUri());
            case "GetSnapshotUri" -> {
                PublishedStream s = stream(Xml.text(request, "ProfileToken"));
                mediaUri(Xml.add(body, OnvifNs.MEDIA, "trt:GetSnapshotUriResponse"), base + OnvifDeviceServer.SNAPSHOT_PATH
                        + "?token=" + URLEncoder.encode(s.token(), StandardCharsets.UTF_8));
            }
            default -> throw new DeviceFault(false, "ActionNotSupported", "the media service does not implement " + op);
        }
    }

    private PublishedStream stream(String token) throws DeviceFault {
        for (PublishedStream s : catalog.streams()) {
            if (s.token().equals(token)) {
                return s;
            }
        }
        throw new DeviceFault(true, "NoProfile", "no profile with token '" + token + "'");
    }

    private static void profile(Element parent, String qname, PublishedStream s) {
        Element p = Xml.add(parent, OnvifNs.MEDIA, qname);
        p.setAttribute("token", s.token());
        p.setAttribute("fixed", "true");
        Xml.add(p, OnvifNs.SCHEMA, "tt:Name", s.name());
        Element vsc = Xml.add(p, OnvifNs.SCHEMA, "tt:VideoSourceConfiguration");
        vsc.setAttribute("token", "vsc_" + s.token());
        Xml.add(vsc, OnvifNs.SCHEMA, "tt:Name", s.name());
        Xml.add(vsc, OnvifNs.SCHEMA, "tt:UseCount", "1");
        Xml.add(vsc, OnvifNs.SCHEMA, "tt:SourceToken", "vs_" + s.token());
        Element bounds = Xml.add(vsc, OnvifNs.SCHEMA, "tt:Bounds");
        bounds.setAttribute("x", "0");
        bounds.setAttribute("y", "0");
        bounds.setAttribute("width", Integer.toString(s.width()));
        bounds.setAttribute("height", Integer.toString(s.height()));
        Element vec = Xml.add(p, OnvifNs.SCHEMA, "tt:VideoEncoderConfiguration");
        vec.setAttribute("token", "vec_" + s.token());
        Xml.add(vec, OnvifNs.SCHEMA, "tt:Name", s.name());
        Xml.add(vec, OnvifNs.SCHEMA, "tt:UseCount", "1");
        Xml.add(vec, OnvifNs.SCHEMA, "tt:Encoding", s.encoding());
        resolution(vec, s);
        Xml.add(vec, OnvifNs.SCHEMA, "tt:Quality", "5");
        Element rate = Xml.add(vec, OnvifNs.SCHEMA, "tt:RateControl");
        Xml.add(rate, OnvifNs.SCHEMA, "tt:FrameRateLimit", Integer.toString(s.fps()));
        Xml.add(rate, OnvifNs.SCHEMA, "tt:EncodingInterval", "1");
        Xml.add(rate, OnvifNs.SCHEMA, "tt:BitrateLimit", "2048");
        Xml.add(vec, OnvifNs.SCHEMA, "tt:SessionTimeout", "PT60S");
        if (s.ptz()) {
            Element ptz = Xml.add(p, OnvifNs.SCHEMA, "tt:PTZConfiguration");
            ptz.setAttribute("token", "ptz_" + s.token());
            Xml.add(ptz, OnvifNs.SCHEMA, "tt:Name", s.name());
            Xml.add(ptz, OnvifNs.SCHEMA, "tt:UseCount", "1");
            Xml.add(ptz, OnvifNs.SCHEMA, "tt:NodeToken", "node_" + s.token());
            Element pt = Xml.add(Xml.add(ptz, OnvifNs.SCHEMA, "tt:PanTiltLimits"), OnvifNs.SCHEMA, "tt:Range");
            Xml.add(pt, OnvifNs.SCHEMA, "tt:URI", "http://www.onvif.org/ver10/tptz/PanTiltSpaces/PositionGenericSpace");
            range(pt, "tt:XRange", -1, 1);
            range(pt, "tt:YRange", -1, 1);
            Element z = Xml.add(Xml.add(ptz, OnvifNs.SCHEMA, "tt:ZoomLimits"), OnvifNs.SCHEMA, "tt:Range");
            Xml.add(z, OnvifNs.SCHEMA, "tt:URI", "http://www.onvif.org/ver10/tptz/ZoomSpaces/PositionGenericSpace");
            range(z, "tt:XRange", 0, 1);
        }
    }

    private static void range(Element parent, String qname, int min, int max) {
        Element r = Xml.add(parent, OnvifNs.SCHEMA, qname);
        Xml.add(r, OnvifNs.SCHEMA, "tt:Min", Integer.toString(min));
        Xml.add(r, OnvifNs.SCHEMA, "tt:Max", Integer.toString(max));
    }

    private static void resolution(Element parent, PublishedStream s) {
        Element res = Xml.add(parent, OnvifNs.SCHEMA, "tt:Resolution");
        Xml.add(res, OnvifNs.SCHEMA, "tt:Width", Integer.toString(s.width()));
        Xml.add(res, OnvifNs.SCHEMA, "tt:Height", Integer.toString(s.height()));
    }

    private static void mediaUri(Element response, String uri) {
        Element m = Xml.add(response, OnvifNs.MEDIA, "trt:MediaUri");
        Xml.add(m, OnvifNs.SCHEMA, "tt:Uri", uri);
        Xml.add(m, OnvifNs.SCHEMA, "tt:InvalidAfterConnect", "false");
        Xml.add(m, OnvifNs.SCHEMA, "tt:InvalidAfterReboot", "false");
        Xml.add(m, OnvifNs.SCHEMA, "tt:Timeout", "PT0S");
    }
}
