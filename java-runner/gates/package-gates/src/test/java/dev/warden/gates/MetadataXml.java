package dev.warden.gates;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/** Checks one metadata file: well-formed XML whose root element is in the Metadata API namespace. */
final class MetadataXml {
    static final String NAMESPACE = "http://soap.sforce.com/2006/04/metadata";

    private MetadataXml() {}

    /** The problem with this file, or empty when it is fine. */
    static Optional<String> problem(byte[] content) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new Quiet());
            Element root = builder.parse(new ByteArrayInputStream(content)).getDocumentElement();
            if (!NAMESPACE.equals(root.getNamespaceURI())) {
                return Optional.of("root element <" + root.getTagName() + "> is in namespace "
                        + (root.getNamespaceURI() == null ? "(none)" : root.getNamespaceURI())
                        + ", expected " + NAMESPACE);
            }
            return Optional.empty();
        } catch (SAXParseException malformed) {
            return Optional.of(
                    "not well-formed XML at line " + malformed.getLineNumber() + ": " + malformed.getMessage());
        } catch (Exception unreadable) {
            return Optional.of("not readable as XML: " + unreadable.getMessage());
        }
    }

    /** Keeps the parser from printing "[Fatal Error]" lines to stderr; the exception carries the message. */
    private static final class Quiet implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    }
}
