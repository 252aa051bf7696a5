package dev.warden.localorg.metadata;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reading metadata XML files (Metadata API namespace): a hardened DOM parser (no DTDs, no external entities) and
 * small child-element helpers. Elements are matched by local name, so prefixed and default-namespace documents read
 * the same.
 */
public final class MetadataXml {
    public static final String NS = "http://soap.sforce.com/2006/04/metadata";

    private MetadataXml() {}

    /** A file that is not well-formed XML; carries the parser's position for the deploy message. */
    public static final class MalformedXml extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        MalformedXml(String message, int line, int column) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    public static Element parse(byte[] bytes) throws MalformedXml {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            Document d = b.parse(new ByteArrayInputStream(bytes));
            return d.getDocumentElement();
        } catch (SAXParseException e) {
            throw new MalformedXml(e.getMessage(), Math.max(e.getLineNumber(), 1), Math.max(e.getColumnNumber(), 1));
        } catch (SAXException | IOException e) {
            throw new MalformedXml(String.valueOf(e.getMessage()), 1, 1);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(localName(e))) {
                out.add(e);
            }
        }
        return out;
    }

    public static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    public static Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0);
    }

    /** Trimmed text of the first child element {@code name}; null when absent, "" when empty. */
    public static String text(Element parent, String name) {
        Element c = child(parent, name);
        return c == null ? null : c.getTextContent().trim();
    }

    public static boolean bool(Element parent, String name, boolean dflt) {
        String t = text(parent, name);
        return t == null || t.isEmpty() ? dflt : Boolean.parseBoolean(t);
    }

    public static List<String> texts(Element parent, String name) {
        List<String> out = new ArrayList<>();
        for (Element e : children(parent, name)) {
            out.add(e.getTextContent().trim());
        }
        return out;
    }

    public static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    /** Escapes text for element content and attribute values. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
