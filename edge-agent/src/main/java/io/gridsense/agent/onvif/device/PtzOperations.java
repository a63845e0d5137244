package io.gridsense.agent.onvif.device;

import io.gridsense.agent.onvif.OnvifNs;
import io.gridsense.agent.onvif.PtzPreset;
import io.gridsense.agent.onvif.Xml;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.w3c.dom.Element;

/** The ONVIF PTZ service's answers: continuous move, stop, presets; the motion itself is the {@link PtzControl}'s. */
final class PtzOperations {

    private final StreamCatalog catalog;
    private final PtzControl ptz;

    PtzOperations(StreamCatalog catalog, PtzControl ptz) {
        this.catalog = catalog;
        this.ptz = ptz;
    }

    void answer(String op, Element request, Element body) throws DeviceFault {
        String profile = Xml.text(request, "ProfileToken");
        if (catalog.streams().stream().noneMatch(s -> s.token().equals(profile) && s.ptz())) {
            throw new DeviceFault(true, "NoProfile", "no PTZ profile with token '" + profile + "'");
        }
        switch (op) {
            case "ContinuousMove" -> {
                Element pt = Xml.find(request, OnvifNs.SCHEMA, "PanTilt");
                Element zoom = Xml.find(request, OnvifNs.SCHEMA, "Zoom");
                ptz.continuousMove(profile, attr(pt, "x"), attr(pt, "y"), attr(zoom, "x"), timeout(Xml.text(request, "Timeout")));
                Xml.add(body, OnvifNs.PTZ, "tptz:ContinuousMoveResponse");
            }
            case "Stop" -> {
                ptz.stop(profile);
                Xml.add(body, OnvifNs.PTZ, "tptz:StopResponse");
            }
            case "GetPresets" -> {
                Element r = Xml.add(body, OnvifNs.PTZ, "tptz:GetPresetsResponse");
                for (PtzPreset p : ptz.presets(profile)) {
                    Element e = Xml.add(r, OnvifNs.PTZ, "tptz:Preset");
                    e.setAttribute("token", p.token());
                    Xml.add(e, OnvifNs.SCHEMA, "tt:Name", p.name());
                }
            }
            case "GotoPreset" -> {
                String preset = Xml.text(request, "PresetToken");
                if (!ptz.gotoPreset(profile, preset)) {
                    throw new DeviceFault(true, "NoToken", "no preset with token '" + preset + "'");
                }
                Xml.add(body, OnvifNs.PTZ, "tptz:GotoPresetResponse");
            }
            default -> throw new DeviceFault(false, "ActionNotSupported", "the PTZ service does not implement " + op);
        }
    }

    private static double attr(Element e, String name) throws DeviceFault {
        if (e == null || e.getAttribute(name).isEmpty()) {
            return 0;
        }
        try {
            double v = Double.parseDouble(e.getAttribute(name));
            if (v < -1 || v > 1) {
                throw new DeviceFault(true, "InvalidArgVal", "speed " + v + " is outside -1..1");
            }
            return v;
        } catch (NumberFormatException ex) {
            throw new DeviceFault(true, "InvalidArgVal", "speed '" + e.getAttribute(name) + "' is not a number");
        }
    }

    private static Duration timeout(String text) throws DeviceFault {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new DeviceFault(true, "InvalidArgVal", "timeout '" + text + "' is not an xs:duration");
        }
    }
}
