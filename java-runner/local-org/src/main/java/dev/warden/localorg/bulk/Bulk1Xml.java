package dev.warden.localorg.bulk;

import dev.warden.localorg.data.OrgException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The XML of Bulk API 1.0 (namespace {@value #NS}): job/batch info answers, errors, XML batches. */
final class Bulk1Xml {
    static final String NS = "http://www.force.com/2009/06/asyncapi/dataload";

    private Bulk1Xml() {}

    static Element parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            return d.getDocumentElement();
        } catch (Exception e) {
            throw new OrgException("InvalidXML", "The request body is not well-formed XML: " + e.getMessage());
        }
    }

    /** Child element text by local name, or null. */
    static String text(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getNodeName())) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    /** {@code <sObjects><sObject><Field>value</Field>...</sObject>...</sObjects>}; a nil field is "#N/A". */
    static List<Map<String, String>> records(String xml) {
        Element root = parse(xml);
        List<Map<String, String>> out = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element so)) {
                continue;
            }
            Map<String, String> r = new LinkedHashMap<>();
            for (Node c = so.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element field) {
                    if (field.getElementsByTagName("*").getLength() > 0) {
                        throw new IngestJob.JobFailure("InvalidBatch : relationship elements (" + field.getLocalName()
                                + ") are not supported by the local org");
                    }
                    boolean nil =
                            "true".equals(field.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "nil"));
                    r.put(field.getLocalName(), nil ? "#N/A" : field.getTextContent());
                }
            }
            out.add(r);
        }
        return out;
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String element(String name, Object value) {
        return "<" + name + ">" + esc(String.valueOf(value)) + "</" + name + ">";
    }

    static String doc(String root, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + root + " xmlns=\"" + NS + "\">" + body + "</" + root
                + ">";
    }
}
