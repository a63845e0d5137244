package io.gridsense.agent.onvif;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** A SOAP 1.2 envelope under construction or as received: its header and body, and SOAP faults. */
public final class SoapEnvelope {

    private final Document doc;
    private final Element header;
    private final Element body;

    private SoapEnvelope(Document doc, Element header, Element body) {
        this.doc = doc;
        this.header = header;
        this.body = body;
    }

    /** A new, empty envelope with the namespace prefixes ONVIF peers expect declared on the root. */
    public static SoapEnvelope create() {
        Document doc = Xml.newDocument();
        Element env = doc.createElementNS(OnvifNs.SOAP, "s:Envelope");
        doc.appendChild(env);
        // declared once at the top so that every element below uses the familiar short prefixes
        env.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:tt", OnvifNs.SCHEMA);
        env.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:tds", OnvifNs.DEVICE);
        env.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:trt", OnvifNs.MEDIA);
        env.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:tptz", OnvifNs.PTZ);
        Element header = Xml.add(env, OnvifNs.SOAP, "s:Header");
        Element body = Xml.add(env, OnvifNs.SOAP, "s:Body");
        return new SoapEnvelope(doc, header, body);
    }

    /** Reads an envelope; throws NOT_ONVIF when the bytes are not a SOAP 1.2 envelope. */
    public static SoapEnvelope parse(byte[] bytes) throws OnvifException {
        Document doc;
        try {
            doc = Xml.parse(bytes);
        } catch (java.io.IOException e) {
            throw new OnvifException(OnvifException.Kind.NOT_ONVIF, "not an ONVIF device: the answer is not XML");
        }
        Element env = doc.getDocumentElement();
        if (!"Envelope".equals(env.getLocalName()) || !OnvifNs.SOAP.equals(env.getNamespaceURI())) {
            throw new OnvifException(OnvifException.Kind.NOT_ONVIF, "not an ONVIF device: the answer is not a SOAP 1.2 envelope");
        }
        Element header = null;
        Element body = null;
        for (Element e : Xml.children(env)) {
            if ("Header".equals(e.getLocalName())) {
                header = e;
            } else if ("Body".equals(e.getLocalName())) {
                body = e;
            }
        }
        if (body == null) {
            throw new OnvifException(OnvifException.Kind.NOT_ONVIF, "not an ONVIF device: the SOAP envelope has no body");
        }
        if (header == null) {
            header = doc.createElementNS(OnvifNs.SOAP, "s:Header");
            env.insertBefore(header, body);
        }
        return new SoapEnvelope(doc, header, body);
    }

    public Element header() {
        return header;
    }

    public Element body() {
        return body;
    }

    /** The body's first element: the request or the response. */
    public Element payload() {
        var kids = Xml.children(body);
        return kids.isEmpty() ? null : kids.get(0);
    }

    public byte[] toBytes() {
        return Xml.serialize(doc);
    }

    /** Throws the fault this envelope carries, in plain words; returns quietly when it carries none. */
    public void throwIfFault() throws OnvifException {
        Element fault = Xml.find(body, OnvifNs.SOAP, "Fault");
        if (fault == null) {
            return;
        }
        String code = Xml.text(Xml.find(fault, OnvifNs.SOAP, "Code"), "Value");
        Element sub = Xml.find(fault, OnvifNs.SOAP, "Subcode");
        String subcode = sub == null ? null : deepestValue(sub);
        String reason = Xml.text(fault, "Text");
        String detail = subcode != null ? local(subcode) : local(code);
        boolean auth = "NotAuthorized".equals(detail) || "FailedAuthentication".equals(detail);
        throw new OnvifException(auth ? OnvifException.Kind.NOT_AUTHORIZED : OnvifException.Kind.FAULT,
                (auth ? "not authorized: check the ONVIF user name and password" : "SOAP fault " + detail)
                        + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"));
    }

    /** Adds a fault to this (response) envelope's body, with an ONVIF subcode such as {@code ter:NotAuthorized}. */
    public void fault(String code, String subcodeNs, String subcode, String reason) {
        Element fault = Xml.add(body, OnvifNs.SOAP, "s:Fault");
        Element c = Xml.add(fault, OnvifNs.SOAP, "s:Code");
        Xml.add(c, OnvifNs.SOAP, "s:Value", "s:" + code);
        if (subcode != null) {
            Element s = Xml.add(c, OnvifNs.SOAP, "s:Subcode");
            Element v = Xml.add(s, OnvifNs.SOAP, "s:Value", "ter:" + subcode);
            v.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ter", subcodeNs);
        }
        Element r = Xml.add(fault, OnvifNs.SOAP, "s:Reason");
        Element text = Xml.add(r, OnvifNs.SOAP, "s:Text", reason);
        text.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:lang", "en");
    }

    private static String deepestValue(Element subcode) {
        String value = null;
        for (Element v : Xml.findAll(subcode, OnvifNs.SOAP, "Value")) {
            value = v.getTextContent().trim();
        }
        return value;
    }

    private static String local(String qname) {
        if (qname == null) {
            return "unknown";
        }
        int i = qname.indexOf(':');
        return i < 0 ? qname : qname.substring(i + 1);
    }
}
