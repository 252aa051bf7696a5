package dev.warden.localorg.soap;

import com.sforce.ws.ConnectionException;
import com.sforce.ws.bind.TypeInfo;
import com.sforce.ws.bind.TypeMapper;
import com.sforce.ws.bind.XMLizable;
import com.sforce.ws.parser.PullParserException;
import com.sforce.ws.parser.XmlInputStream;
import com.sforce.ws.parser.XmlOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;

/**
 * Reading a SOAP request and writing the answer with WSC's own parser, serializer and generated types, so that
 * what we write passes WSC's strict response parser (toolchain.md "WSC"). The operation element is loaded into the
 * generated {@code <Operation>_element} class of the API's package.
 */
public final class SoapMessage {
    public static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    public static final String XSD = "http://www.w3.org/2001/XMLSchema";
    private static final Pattern OPERATION =
            Pattern.compile("<(?:[A-Za-z0-9_.-]+:)?Body[^>]*>\\s*<(?:[A-Za-z0-9_.-]+:)?([A-Za-z0-9_]+)");

    /**
     * A parsed request: the session id from the SessionHeader (or null), the operation and its loaded element, and
     * the Partner API's {@code AllOrNoneHeader/allOrNone} (false when absent).
     */
    public record Parsed(String sessionId, String operation, XMLizable element, boolean allOrNone) {}

    /** What the Header says: SessionHeader/sessionId and AllOrNoneHeader/allOrNone. */
    private record Header(String sessionId, boolean allOrNone) {}

    private SoapMessage() {}

    /** The operation named by the first element inside the Body (for fault rules and the request log), or null. */
    public static String operationName(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 4096), java.nio.charset.StandardCharsets.UTF_8);
        Matcher m = OPERATION.matcher(head);
        return m.find() ? m.group(1) : null;
    }

    /**
     * Parses an envelope whose body element lives in {@code namespace}, loading it into
     * {@code javaPackage.<Operation>_element}.
     */
    public static Parsed parse(byte[] body, String namespace, String javaPackage, TypeMapper mapper) {
        try {
            XmlInputStream in = new XmlInputStream();
            in.setInput(new ByteArrayInputStream(body), "UTF-8");
            in.nextTag();
            expect(in, SOAP_ENV, "Envelope");
            in.nextTag();
            Header header = new Header(null, false);
            if (SOAP_ENV.equals(in.getNamespace()) && "Header".equals(in.getName())) {
                header = readHeader(in);
                in.nextTag();
            }
            expect(in, SOAP_ENV, "Body");
            in.peekTag();
            if (in.getEventType() != XmlInputStream.START_TAG) {
                throw SoapFault.malformed("The SOAP Body holds no operation");
            }
            String op = in.getName();
            if (!namespace.equals(in.getNamespace())) {
                throw SoapFault.malformed("Unexpected element {" + in.getNamespace() + "}" + op
                        + ": the operation must be in namespace " + namespace);
            }
            Class<?> type;
            try {
                type = Class.forName(
                        javaPackage + "." + op.substring(0, 1).toUpperCase(Locale.ROOT) + op.substring(1) + "_element");
            } catch (ClassNotFoundException e) {
                throw new SoapFault(
                        "INVALID_OPERATION",
                        "No operation available for request {" + namespace + "}" + op,
                        "UnexpectedErrorFault");
            }
            XMLizable element =
                    (XMLizable) mapper.readObject(in, new TypeInfo(namespace, op, null, null, 1, 1, true), type);
            return new Parsed(header.sessionId(), op, element, header.allOrNone());
        } catch (PullParserException | IOException | ConnectionException | RuntimeException e) {
            if (e instanceof SoapFault f) {
                throw f;
            }
            if (e instanceof RuntimeException) {
                // WSC's pull parser fails with internal errors (e.g. a NullPointerException) on truncated XML:
                // their text means nothing to a caller, so say what is wrong with the request instead.
                throw SoapFault.malformed("Could not read the SOAP request: it is not a well-formed SOAP 1.1 envelope");
            }
            String msg = e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : e.getMessage().split("\n")[0];
            throw SoapFault.malformed("Could not read the SOAP request: " + msg);
        }
    }

    private static void expect(XmlInputStream in, String ns, String name) {
        if (in.getName() == null || !name.equals(in.getName()) || !ns.equals(in.getNamespace())) {
            throw SoapFault.malformed("Expected soapenv:" + name + ", found " + in.getName());
        }
    }

    /** Reads the Header: SessionHeader/sessionId, AllOrNoneHeader/allOrNone; other headers (CallOptions, ...) are skipped. */
    private static Header readHeader(XmlInputStream in) throws IOException, ConnectionException {
        String session = null;
        boolean allOrNone = false;
        int depth = 1;
        String current = null;
        while (depth > 0) {
            int ev = in.next();
            if (ev == XmlInputStream.START_TAG) {
                depth++;
                if (depth == 2) {
                    current = in.getName();
                } else if ("SessionHeader".equals(current) && "sessionId".equals(in.getName())) {
                    session = in.nextText().trim();
                    depth--;
                } else if ("AllOrNoneHeader".equals(current) && "allOrNone".equals(in.getName())) {
                    allOrNone = Boolean.parseBoolean(in.nextText().trim());
                    depth--;
                }
            } else if (ev == XmlInputStream.END_TAG) {
                depth--;
            } else if (ev == XmlInputStream.END_DOCUMENT) {
                throw SoapFault.malformed("The SOAP Header is not closed");
            }
        }
        return new Header(session, allOrNone);
    }

    /** Writes an envelope around {@code response} named {@code {namespace}responseName}. */
    public static byte[] write(
            String namespace, String responseName, XMLizable response, TypeMapper mapper, String sobjectNamespace) {
        return write(namespace, responseName, response, mapper, sobjectNamespace, null, null);
    }

    /** The same with one SOAP response header (e.g. the partner API's LimitInfoHeader). */
    public static byte[] write(
            String namespace,
            String responseName,
            XMLizable response,
            TypeMapper mapper,
            String sobjectNamespace,
            String headerName,
            XMLizable header) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XmlOutputStream out = new XmlOutputStream(bytes, false);
            out.startDocument();
            out.setPrefix("soapenv", SOAP_ENV);
            out.setPrefix("", namespace);
            out.setPrefix("xsi", XSI);
            out.setPrefix("xsd", XSD);
            if (sobjectNamespace != null) {
                out.setPrefix("sf", sobjectNamespace);
            }
            out.writeStartTag(SOAP_ENV, "Envelope");
            if (header != null) {
                out.writeStartTag(SOAP_ENV, "Header");
                header.write(new QName(namespace, headerName), out, mapper);
                out.writeEndTag(SOAP_ENV, "Header");
            }
            out.writeStartTag(SOAP_ENV, "Body");
            response.write(new QName(namespace, responseName), out, mapper);
            out.writeEndTag(SOAP_ENV, "Body");
            out.writeEndTag(SOAP_ENV, "Envelope");
            out.endDocument();
            out.close();
        } catch (IOException e) {
            throw new IllegalStateException("could not write the SOAP response", e);
        }
        return bytes.toByteArray();
    }

    /**
     * A SOAP fault. With a detail type, the detail is the partner API fault ({@code urn:fault.partner.soap.sforce.com})
     * that WSC turns into a typed exception with {@code getExceptionCode()}.
     */
    public static byte[] fault(SoapFault f) {
        String code = esc(f.exceptionCode());
        String msg = esc(f.getMessage());
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<soapenv:Envelope xmlns:soapenv=\"")
                .append(SOAP_ENV)
                .append("\" xmlns:sf=\"urn:fault.partner.soap.sforce.com\" xmlns:xsi=\"")
                .append(XSI)
                .append("\"><soapenv:Body><soapenv:Fault><faultcode>")
                .append(f.client() ? "soapenv:Client" : "sf:" + code)
                .append("</faultcode><faultstring>")
                .append(f.client() ? msg : code + ": " + msg)
                .append("</faultstring>");
        if (f.detailType() != null) {
            b.append("<detail><sf:")
                    .append(f.detailType())
                    .append(" xsi:type=\"sf:")
                    .append(f.detailType())
                    .append("\"><sf:exceptionCode>")
                    .append(code)
                    .append("</sf:exceptionCode><sf:exceptionMessage>")
                    .append(msg)
                    .append("</sf:exceptionMessage>");
            if (f.detailType().equals("MalformedQueryFault") || f.detailType().equals("InvalidFieldFault")) {
                b.append("<sf:row>-1</sf:row><sf:column>-1</sf:column>");
            }
            b.append("</sf:").append(f.detailType()).append("></detail>");
        }
        return b.append("</soapenv:Fault></soapenv:Body></soapenv:Envelope>")
                .toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String esc(String s) {
        return dev.warden.localorg.metadata.MetadataXml.esc(s);
    }

    /** A request read as DOM: the session id and the operation element (for requests WSC's reader can't take). */
    public record DomRequest(String sessionId, org.w3c.dom.Element operation) {}

    /**
     * Reads the envelope with a DOM parser. The sf CLI writes Metadata API requests with children out of schema
     * order (DeployOptions: rollbackOnError first; retrieve's {@code request} element), which WSC's strict reader
     * rejects, so Metadata requests are read this way; responses are still written with WSC's types.
     */
    public static DomRequest parseDom(byte[] body, String namespace) {
        org.w3c.dom.Element env;
        try {
            env = dev.warden.localorg.metadata.MetadataXml.parse(body);
        } catch (dev.warden.localorg.metadata.MetadataXml.MalformedXml e) {
            throw SoapFault.malformed("Could not read the SOAP request: " + e.getMessage() + " (line " + e.line()
                    + ", column " + e.column() + ")");
        }
        if (!"Envelope".equals(env.getLocalName()) || !SOAP_ENV.equals(env.getNamespaceURI())) {
            throw SoapFault.malformed("Expected soapenv:Envelope, found " + env.getLocalName());
        }
        String session = null;
        org.w3c.dom.Element header = dev.warden.localorg.metadata.MetadataXml.child(env, "Header");
        if (header != null) {
            org.w3c.dom.Element sh = dev.warden.localorg.metadata.MetadataXml.child(header, "SessionHeader");
            session = sh == null ? null : dev.warden.localorg.metadata.MetadataXml.text(sh, "sessionId");
        }
        org.w3c.dom.Element bodyEl = dev.warden.localorg.metadata.MetadataXml.child(env, "Body");
        java.util.List<org.w3c.dom.Element> ops =
                bodyEl == null ? java.util.List.of() : dev.warden.localorg.metadata.MetadataXml.children(bodyEl);
        if (ops.isEmpty()) {
            throw SoapFault.malformed("The SOAP Body holds no operation");
        }
        org.w3c.dom.Element op = ops.get(0);
        if (!namespace.equals(op.getNamespaceURI())) {
            throw SoapFault.malformed("Unexpected element {" + op.getNamespaceURI() + "}" + op.getLocalName()
                    + ": the operation must be in namespace " + namespace);
        }
        return new DomRequest(session, op);
    }
}
