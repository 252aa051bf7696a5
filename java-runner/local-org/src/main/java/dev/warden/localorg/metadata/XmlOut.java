package dev.warden.localorg.metadata;

import static dev.warden.localorg.metadata.MetadataXml.esc;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Element;

/** Writing metadata files: the document head and root, indented elements, a DOM element back to bytes. */
public final class XmlOut {
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private XmlOut() {}

    /** A metadata document with this root element (Metadata namespace) around {@code body}. */
    public static String xml(String root, String body) {
        return HEAD + "<" + root + " xmlns=\"" + MetadataXml.NS + "\">\n" + body + "</" + root + ">\n";
    }

    /** {@code <name>value</name>} at the first level, or nothing when the value is null. */
    public static String el(String name, String value) {
        return value == null ? "" : "    <" + name + ">" + esc(value) + "</" + name + ">\n";
    }

    public static String el2(String name, String value) {
        return value == null ? "" : "        <" + name + ">" + esc(value) + "</" + name + ">\n";
    }

    public static String el3(String name, String value) {
        return value == null ? "" : "            <" + name + ">" + esc(value) + "</" + name + ">\n";
    }

    /** An element and its children, indented, text trimmed (comments are not kept). */
    public static String render(Element e, String indent) {
        List<Element> kids = MetadataXml.children(e);
        String name = MetadataXml.localName(e);
        if (kids.isEmpty()) {
            return indent + "<" + name + ">" + esc(e.getTextContent().trim()) + "</" + name + ">\n";
        }
        StringBuilder b = new StringBuilder(indent + "<" + name + ">\n");
        for (Element k : kids) {
            b.append(render(k, indent + "    "));
        }
        return b.append(indent).append("</").append(name).append(">\n").toString();
    }

    /** The element (and its document's namespace declarations) as UTF-8 bytes. */
    public static byte[] serialize(Element e) {
        try {
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(e), new StreamResult(w));
            // The JDK's serializer writes characters outside the BMP (emoji) as character references: put them back.
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("&#(\\d{5,7});").matcher(w.toString());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                int cp = Integer.parseInt(m.group(1));
                m.appendReplacement(
                        out,
                        cp > 0xFFFF ? java.util.regex.Matcher.quoteReplacement(Character.toString(cp)) : m.group());
            }
            m.appendTail(out);
            return out.toString().getBytes(StandardCharsets.UTF_8);
        } catch (TransformerException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
