package io.gridsense.agent.onvif;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** The DOM chores of SOAP: a hardened parser (no DTDs, no external entities), element building and lookup. */
public final class Xml {

    private Xml() {
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // a device or client on the network is untrusted: no DTDs, no entity expansion, no external fetches
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no XML parser", e);
        }
    }

    /** An empty document. */
    public static Document newDocument() {
        return builder().newDocument();
    }

    /** Parses bytes; throws with a short reason when they are not XML. */
    public static Document parse(byte[] bytes) throws IOException {
        try {
            return builder().parse(new ByteArrayInputStream(bytes));
        } catch (SAXException e) {
            throw new IOException("not XML: " + e.getMessage(), e);
        }
    }

    /** The document as UTF-8 bytes. */
    public static byte[] serialize(Document doc) {
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
    }

    /** Appends a child element {@code prefix:local} in namespace {@code ns}. */
    public static Element add(Element parent, String ns, String qualifiedName) {
        Element e = parent.getOwnerDocument().createElementNS(ns, qualifiedName);
        parent.appendChild(e);
        return e;
    }

    /** Appends a child element holding {@code text}. */
    public static Element add(Element parent, String ns, String qualifiedName, String text) {
        Element e = add(parent, ns, qualifiedName);
        e.setTextContent(text);
        return e;
    }

    /** The first descendant (or the element itself) with this namespace and local name, or null. */
    public static Element find(Element root, String ns, String local) {
        if (root == null) {
            return null;
        }
        if (local.equals(root.getLocalName()) && (ns == null || ns.equals(root.getNamespaceURI()))) {
            return root;
        }
        var list = root.getElementsByTagNameNS(ns == null ? "*" : ns, local);
        return list.getLength() == 0 ? null : (Element) list.item(0);
    }

    /** All descendants with this namespace and local name, in document order. */
    public static List<Element> findAll(Element root, String ns, String local) {
        List<Element> out = new ArrayList<>();
        var list = root.getElementsByTagNameNS(ns == null ? "*" : ns, local);
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    /** The trimmed text of the first descendant with this local name (any namespace), or null. */
    public static String text(Element root, String local) {
        Element e = find(root, null, local);
        return e == null ? null : e.getTextContent().trim();
    }

    /** The direct child elements of {@code parent}. */
    public static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }
}
