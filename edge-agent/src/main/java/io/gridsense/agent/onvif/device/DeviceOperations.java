package io.gridsense.agent.onvif.device;

import io.gridsense.agent.onvif.DeviceInformation;
import io.gridsense.agent.onvif.OnvifNs;
import io.gridsense.agent.onvif.Xml;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Set;
import org.w3c.dom.Element;

/** The ONVIF device service's answers: clock, identity, capabilities, services and scopes. */
final class DeviceOperations {

    /** Operations any caller may use (ONVIF's PRE_AUTH class): clients need them before they can sign requests. */
    static final Set<String> PRE_AUTH = Set.of("GetSystemDateAndTime", "GetCapabilities", "GetServices",
            "GetServiceCapabilities", "GetWsdlUrl", "GetHostname", "GetEndpointReference");

    private final DeviceIdentity identity;
    private final Clock clock;

    DeviceOperations(DeviceIdentity identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
    }

    void answer(String op, Element request, Element body, String base) throws DeviceFault {
        switch (op) {
            case "GetSystemDateAndTime" -> systemDateAndTime(body);
            case "GetDeviceInformation" -> deviceInformation(body);
            case "GetCapabilities" -> capabilities(body, base);
            case "GetServices" -> services(body, base);
            case "GetScopes" -> scopes(body);
            case "GetHostname" -> {
                Element info = Xml.add(Xml.add(body, OnvifNs.DEVICE, "tds:GetHostnameResponse"), OnvifNs.DEVICE,
                        "tds:HostnameInformation");
                Xml.add(info, OnvifNs.SCHEMA, "tt:FromDHCP", "false");
                Xml.add(info, OnvifNs.SCHEMA, "tt:Name", identity.name());
            }
            default -> throw new DeviceFault(false, "ActionNotSupported", "the device service does not implement " + op);
        }
    }

    private void systemDateAndTime(Element body) {
        ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
        Element r = Xml.add(body, OnvifNs.DEVICE, "tds:GetSystemDateAndTimeResponse");
        Element sdt = Xml.add(r, OnvifNs.DEVICE, "tds:SystemDateAndTime");
        Xml.add(sdt, OnvifNs.SCHEMA, "tt:DateTimeType", "NTP");
        Xml.add(sdt, OnvifNs.SCHEMA, "tt:DaylightSavings", "false");
        Xml.add(Xml.add(sdt, OnvifNs.SCHEMA, "tt:TimeZone"), OnvifNs.SCHEMA, "tt:TZ", "UTC0");
        Element utc = Xml.add(sdt, OnvifNs.SCHEMA, "tt:UTCDateTime");
        Element time = Xml.add(utc, OnvifNs.SCHEMA, "tt:Time");
        Xml.add(time, OnvifNs.SCHEMA, "tt:Hour", Integer.toString(now.getHour()));
        Xml.add(time, OnvifNs.SCHEMA, "tt:Minute", Integer.toString(now.getMinute()));
        Xml.add(time, OnvifNs.SCHEMA, "tt:Second", Integer.toString(now.getSecond()));
        Element date = Xml.add(utc, OnvifNs.SCHEMA, "tt:Date");
        Xml.add(date, OnvifNs.SCHEMA, "tt:Year", Integer.toString(now.getYear()));
        Xml.add(date, OnvifNs.SCHEMA, "tt:Month", Integer.toString(now.getMonthValue()));
        Xml.add(date, OnvifNs.SCHEMA, "tt:Day", Integer.toString(now.getDayOfMonth()));
    }

    private void deviceInformation(Element body) {
        DeviceInformation i = identity.information();
        Element r = Xml.add(body, OnvifNs.DEVICE, "tds:GetDeviceInformationResponse");
        Xml.add(r, OnvifNs.DEVICE, "tds:Manufacturer", i.manufacturer());
        Xml.add(r, OnvifNs.DEVICE, "tds:Model", i.model());
        Xml.add(r, OnvifNs.DEVICE, "tds:FirmwareVersion", i.firmwareVersion());
        Xml.add(r, OnvifNs.DEVICE, "tds:SerialNumber", i.serialNumber());
        Xml.add(r, OnvifNs.DEVICE, "tds:HardwareId", i.hardwareId());
    }

    private void capabilities(Element body, String base) {
        Element caps = Xml.add(Xml.add(body, OnvifNs.DEVICE, "tds:GetCapabilitiesResponse"), OnvifNs.DEVICE, "tds:Capabilities");
        Element device = Xml.add(caps, OnvifNs.SCHEMA, "tt:Device");
        Xml.add(device, OnvifNs.SCHEMA, "tt:XAddr", base + OnvifDeviceServer.DEVICE_PATH);
        Element media = Xml.add(caps, OnvifNs.SCHEMA, "tt:Media");
        Xml.add(media, OnvifNs.SCHEMA, "tt:XAddr", base + OnvifDeviceServer.MEDIA_PATH);
        Element streaming = Xml.add(media, OnvifNs.SCHEMA, "tt:StreamingCapabilities");
        Xml.add(streaming, OnvifNs.SCHEMA, "tt:RTPMulticast", "false");
        Xml.add(streaming, OnvifNs.SCHEMA, "tt:RTP_TCP", "true");
        Xml.add(streaming, OnvifNs.SCHEMA, "tt:RTP_RTSP_TCP", "true");
        Element ptz = Xml.add(caps, OnvifNs.SCHEMA, "tt:PTZ");
        Xml.add(ptz, OnvifNs.SCHEMA, "tt:XAddr", base + OnvifDeviceServer.PTZ_PATH);
    }

    private void services(Element body, String base) {
        Element r = Xml.add(body, OnvifNs.DEVICE, "tds:GetServicesResponse");
        service(r, OnvifNs.DEVICE, base + OnvifDeviceServer.DEVICE_PATH, 2, 40);
        service(r, OnvifNs.MEDIA, base + OnvifDeviceServer.MEDIA_PATH, 2, 40);
        service(r, OnvifNs.PTZ, base + OnvifDeviceServer.PTZ_PATH, 2, 40);
    }

    private static void service(Element parent, String ns, String xaddr, int major, int minor) {
        Element s = Xml.add(parent, OnvifNs.DEVICE, "tds:Service");
        Xml.add(s, OnvifNs.DEVICE, "tds:Namespace", ns);
        Xml.add(s, OnvifNs.DEVICE, "tds:XAddr", xaddr);
        Element v = Xml.add(s, OnvifNs.DEVICE, "tds:Version");
        Xml.add(v, OnvifNs.SCHEMA, "tt:Major", Integer.toString(major));
        Xml.add(v, OnvifNs.SCHEMA, "tt:Minor", Integer.toString(minor));
    }

    private void scopes(Element body) {
        Element r = Xml.add(body, OnvifNs.DEVICE, "tds:GetScopesResponse");
        for (String scope : scopeList()) {
            Element s = Xml.add(r, OnvifNs.DEVICE, "tds:Scopes");
            Xml.add(s, OnvifNs.SCHEMA, "tt:ScopeDef", "Fixed");
            Xml.add(s, OnvifNs.SCHEMA, "tt:ScopeItem", scope);
        }
    }

    /** The scopes announced in discovery and GetScopes. */
    java.util.List<String> scopeList() {
        return java.util.List.of("onvif://www.onvif.org/type/video_encoder", "onvif://www.onvif.org/type/ptz",
                "onvif://www.onvif.org/Profile/Streaming",
                "onvif://www.onvif.org/name/" + identity.name().replace(' ', '_'),
                "onvif://www.onvif.org/hardware/" + identity.information().model().replace(' ', '_'));
    }
}
