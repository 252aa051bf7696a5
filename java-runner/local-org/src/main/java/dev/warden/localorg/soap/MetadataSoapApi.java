package dev.warden.localorg.soap;

import static dev.warden.localorg.metadata.MetadataXml.children;
import static dev.warden.localorg.metadata.MetadataXml.text;
import static dev.warden.localorg.metadata.MetadataXml.texts;

import com.sforce.soap.metadata.AsyncRequestState;
import com.sforce.soap.metadata.AsyncResult;
import com.sforce.soap.metadata.CancelDeployResponse_element;
import com.sforce.soap.metadata.CancelDeployResult;
import com.sforce.soap.metadata.CheckDeployStatusResponse_element;
import com.sforce.soap.metadata.CheckRetrieveStatusResponse_element;
import com.sforce.soap.metadata.DeleteMetadataResponse_element;
import com.sforce.soap.metadata.DeleteResult;
import com.sforce.soap.metadata.DeployResponse_element;
import com.sforce.soap.metadata.FileProperties;
import com.sforce.soap.metadata.ListMetadataResponse_element;
import com.sforce.soap.metadata.ManageableState;
import com.sforce.soap.metadata.Metadata;
import com.sforce.soap.metadata.ReadMetadataResponse_element;
import com.sforce.soap.metadata.ReadResult;
import com.sforce.soap.metadata.RetrieveResponse_element;
import com.sforce.soap.metadata.RetrieveResult;
import com.sforce.soap.metadata.RetrieveStatus;
import com.sforce.soap.metadata.StatusCode;
import com.sforce.soap.metadata.UpsertMetadataResponse_element;
import com.sforce.soap.metadata.UpsertResult;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.bind.TypeInfo;
import com.sforce.ws.bind.TypeMapper;
import com.sforce.ws.bind.XMLizable;
import com.sforce.ws.parser.XmlInputStream;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.metadata.ComponentResult;
import dev.warden.localorg.metadata.DeployEngine;
import dev.warden.localorg.metadata.DeployOutcome;
import dev.warden.localorg.metadata.DeployResults;
import dev.warden.localorg.metadata.MdapiPackage;
import dev.warden.localorg.metadata.MetadataJobs;
import dev.warden.localorg.metadata.MetadataUnit;
import dev.warden.localorg.metadata.MetadataUnits;
import dev.warden.localorg.metadata.MetadataXml;
import dev.warden.localorg.metadata.OrgMetadataFiles;
import dev.warden.localorg.metadata.Retriever;
import dev.warden.localorg.rules.Access;
import dev.warden.localorg.setup.Org;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Function;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Element;

/**
 * The Metadata SOAP API ({@code /services/Soap/m/NN.N}): deploy, checkDeployStatus, cancelDeploy, retrieve,
 * checkRetrieveStatus, readMetadata, upsertMetadata, listMetadata, deleteMetadata. Requests are read as DOM (see
 * {@link SoapMessage#parseDom}); answers are WSC's generated types written by WSC's serializer, so WSC clients
 * (Metadata API 62.0) and the sf CLI (67.0) both read them.
 */
public final class MetadataSoapApi {
    private static final String NS = MetadataXml.NS;
    /**
     * Metadata faults carry the partner API's UnexpectedErrorFault detail, as the server's injected faults do: WSC
     * (with the partner jar on the classpath, as the runner has) raises {@code UnexpectedErrorFault} with
     * {@code getExceptionCode()}; it is a {@code SoapFaultException}, so {@code getFaultCode()} works too.
     */
    private static final String FAULT = "UnexpectedErrorFault";

    private final MetadataJobs jobs;

    public MetadataSoapApi(MetadataJobs jobs) {
        this.jobs = jobs;
    }

    /** Handles one request against {@code org}; {@code userForSession} maps a session id to a user id (null = invalid). */
    public SoapAnswer handle(Org org, byte[] body, Function<String, String> userForSession) {
        TypeMapper mapper = new TypeMapper();
        try {
            SoapMessage.DomRequest req = SoapMessage.parseDom(body, NS);
            String userId = req.sessionId() == null ? null : userForSession.apply(req.sessionId());
            if (userId == null) {
                throw SoapFault.invalidSession();
            }
            Access access = Access.ofUser(org.db(), userId);
            if (!access.has("ApiEnabled")) {
                throw new SoapFault("API_CURRENTLY_DISABLED", "API is disabled for this User", FAULT);
            }
            if (!access.has("ModifyAllData") && !access.has("ModifyMetadata")) {
                // Wording from metadata-and-api.md 3.3.
                throw new SoapFault(
                        "INSUFFICIENT_ACCESS",
                        "use of the Metadata API requires a user with the"
                                + " ModifyAllData or ModifyMetadata permissions",
                        FAULT);
            }
            Element op = req.operation();
            String name = op.getLocalName();
            XMLizable response = switch (name) {
                case "deploy" -> deploy(org, userId, op);
                case "checkDeployStatus" -> checkDeployStatus(op);
                case "cancelDeploy" -> cancelDeploy(op);
                case "retrieve" -> retrieve(org, op);
                case "checkRetrieveStatus" -> checkRetrieveStatus(org, op);
                case "readMetadata" -> readMetadata(org, op, mapper);
                case "upsertMetadata" -> upsertMetadata(org, userId, op);
                case "updateMetadata" -> updateMetadata(org, userId, op);
                case "createMetadata" -> createMetadata(org, userId, op);
                case "listMetadata" -> listMetadata(org, op);
                case "deleteMetadata" -> deleteMetadata(org, userId, op);
                case "describeMetadata" -> describeMetadata();
                case "deployRecentValidation" -> deployRecentValidation(org, userId, op);
                default ->
                    throw new SoapFault(
                            "INVALID_OPERATION",
                            "The local org does not implement the Metadata API" + " operation " + name,
                            FAULT);
            };
            return new SoapAnswer(200, SoapMessage.write(NS, name + "Response", response, mapper, null));
        } catch (SoapFault f) {
            return new SoapAnswer(500, SoapMessage.fault(f));
        } catch (OrgException e) {
            return new SoapAnswer(500, SoapMessage.fault(new SoapFault(e.errorCode(), e.getMessage(), FAULT)));
        } catch (RuntimeException e) {
            return new SoapAnswer(
                    500,
                    SoapMessage.fault(new SoapFault(
                            "UNKNOWN_EXCEPTION", e.getClass().getSimpleName() + ": " + e.getMessage(), FAULT)));
        }
    }

    // ------------------------------------------------------------------ deploy

    private XMLizable deploy(Org org, String userId, Element op) {
        String zip = text(op, "ZipFile");
        if (zip == null || zip.isEmpty()) {
            throw new SoapFault("INVALID_CROSS_REFERENCE_KEY", "deploy needs a ZipFile", FAULT);
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(zip);
        } catch (IllegalArgumentException e) {
            throw SoapFault.malformed("ZipFile is not base64: " + e.getMessage());
        }
        Element options = MetadataXml.child(op, "DeployOptions");
        boolean checkOnly = options != null && MetadataXml.bool(options, "checkOnly", false);
        boolean rollback = options == null || MetadataXml.bool(options, "rollbackOnError", true);
        String testLevel = options == null ? null : MetadataXml.text(options, "testLevel");
        java.util.List<String> runTests = options == null
                ? java.util.List.of()
                : MetadataXml.children(options, "runTests").stream()
                        .map(e -> e.getTextContent().strip())
                        .toList();
        MetadataJobs.DeployJob job =
                jobs.deploy(org, userId, bytes, new DeployEngine.Options(checkOnly, rollback, testLevel, runTests));
        AsyncResult r = new AsyncResult();
        r.setDone(false);
        r.setId(job.id);
        r.setState(AsyncRequestState.Queued);
        DeployResponse_element out = new DeployResponse_element();
        out.setResult(r);
        return out;
    }

    /** Quick deploy of a succeeded validation; the answer is the new deploy's id. */
    private XMLizable deployRecentValidation(Org org, String userId, Element op) {
        MetadataJobs.DeployJob job = jobs.quickDeploy(org, userId, text(op, "validationId"));
        com.sforce.soap.metadata.DeployRecentValidationResponse_element out =
                new com.sforce.soap.metadata.DeployRecentValidationResponse_element();
        out.setResult(job.id);
        return out;
    }

    /** The metadata catalogue (what {@code sf org list metadata-types} prints). */
    private static XMLizable describeMetadata() {
        List<com.sforce.soap.metadata.DescribeMetadataObject> objects = new ArrayList<>();
        for (dev.warden.localorg.metadata.MetadataType t : dev.warden.localorg.metadata.MetadataCatalogue.topLevel()) {
            com.sforce.soap.metadata.DescribeMetadataObject o = new com.sforce.soap.metadata.DescribeMetadataObject();
            o.setChildXmlNames(t.childXmlNames().toArray(String[]::new));
            o.setDirectoryName(t.directoryName());
            o.setInFolder(t.inFolder());
            o.setMetaFile(t.metaFile());
            if (t.suffix() != null) {
                o.setSuffix(t.suffix());
            }
            o.setXmlName(t.name());
            objects.add(o);
        }
        com.sforce.soap.metadata.DescribeMetadataResult r = new com.sforce.soap.metadata.DescribeMetadataResult();
        r.setMetadataObjects(objects.toArray(com.sforce.soap.metadata.DescribeMetadataObject[]::new));
        r.setOrganizationNamespace("");
        r.setPartialSaveAllowed(true);
        r.setTestRequired(false);
        com.sforce.soap.metadata.DescribeMetadataResponse_element out =
                new com.sforce.soap.metadata.DescribeMetadataResponse_element();
        out.setResult(r);
        return out;
    }

    private XMLizable checkDeployStatus(Element op) {
        MetadataJobs.DeployJob job = requireDeploy(text(op, "asyncProcessId"));
        CheckDeployStatusResponse_element out = new CheckDeployStatusResponse_element();
        out.setResult(DeployResults.soap(job, MetadataXml.bool(op, "includeDetails", false)));
        return out;
    }

    private XMLizable cancelDeploy(Element op) {
        String id = text(op, "String");
        MetadataJobs.DeployJob job = jobs.cancel(id);
        if (job == null) {
            throw new SoapFault("INVALID_ID_FIELD", "Invalid deploy id: " + id, FAULT);
        }
        CancelDeployResult r = new CancelDeployResult();
        r.setDone(job.done());
        r.setId(job.id);
        CancelDeployResponse_element out = new CancelDeployResponse_element();
        out.setResult(r);
        return out;
    }

    private MetadataJobs.DeployJob requireDeploy(String id) {
        MetadataJobs.DeployJob job = jobs.deployJob(id);
        if (job == null) {
            // Wording UNCONFIRMED.
            throw new SoapFault("INVALID_ID_FIELD", "Invalid id: " + id + " is not a deploy of this org", FAULT);
        }
        return job;
    }

    // ------------------------------------------------------------------ retrieve

    private XMLizable retrieve(Org org, Element op) {
        Element request = MetadataXml.child(op, "request");
        if (request == null) {
            request = MetadataXml.child(op, "retrieveRequest");
        }
        if (request == null) {
            throw SoapFault.malformed("retrieve needs a request element");
        }
        Map<String, List<String>> members = new LinkedHashMap<>();
        Element unpackaged = MetadataXml.child(request, "unpackaged");
        if (unpackaged != null) {
            for (Element t : children(unpackaged, "types")) {
                members.computeIfAbsent(text(t, "name"), k -> new ArrayList<>()).addAll(texts(t, "members"));
            }
        }
        MetadataJobs.RetrieveJob job = jobs.retrieve(
                org,
                new Retriever.Request(
                        members, text(request, "apiVersion"), MetadataXml.bool(request, "singlePackage", false)));
        AsyncResult r = new AsyncResult();
        r.setDone(false);
        r.setId(job.id());
        r.setState(AsyncRequestState.Queued);
        RetrieveResponse_element out = new RetrieveResponse_element();
        out.setResult(r);
        return out;
    }

    private XMLizable checkRetrieveStatus(Org org, Element op) {
        String id = text(op, "asyncProcessId");
        MetadataJobs.RetrieveJob job = jobs.retrieveJob(id);
        if (job == null) {
            throw new SoapFault("INVALID_ID_FIELD", "Invalid id: " + id + " is not a retrieve of this org", FAULT);
        }
        RetrieveResult r = new RetrieveResult();
        r.setDone(true);
        r.setId(job.id());
        r.setStatus(RetrieveStatus.Succeeded);
        r.setSuccess(true);
        List<FileProperties> props = new ArrayList<>();
        for (Retriever.FileEntry f : job.files()) {
            props.add(fileProperties(org, job.created(), f.type(), f.fullName(), f.fileName(), f.id()));
        }
        r.setFileProperties(props.toArray(FileProperties[]::new));
        List<com.sforce.soap.metadata.RetrieveMessage> messages = new ArrayList<>();
        for (String m : job.messages()) {
            com.sforce.soap.metadata.RetrieveMessage msg = new com.sforce.soap.metadata.RetrieveMessage();
            msg.setFileName("unpackaged/package.xml");
            msg.setProblem(m);
            messages.add(msg);
        }
        r.setMessages(messages.toArray(com.sforce.soap.metadata.RetrieveMessage[]::new));
        if (MetadataXml.bool(op, "includeZip", true)) {
            r.setZipFile(job.zip());
        }
        CheckRetrieveStatusResponse_element out = new CheckRetrieveStatusResponse_element();
        out.setResult(r);
        return out;
    }

    private static FileProperties fileProperties(
            Org org, java.time.Instant when, String type, String fullName, String fileName, String id) {
        Record admin = org.db().retrieve(org.adminUserId());
        FileProperties p = new FileProperties();
        p.setCreatedById(org.adminUserId());
        p.setCreatedByName(admin == null ? "" : admin.getString("Name"));
        p.setCreatedDate(cal(when));
        p.setFileName(fileName);
        p.setFullName(fullName);
        p.setId(id == null ? "" : id);
        p.setLastModifiedById(org.adminUserId());
        p.setLastModifiedByName(admin == null ? "" : admin.getString("Name"));
        p.setLastModifiedDate(cal(when));
        p.setManageableState(ManageableState.unmanaged);
        p.setType(type);
        return p;
    }

    // ------------------------------------------------------------------ CRUD-style calls

    /** CRUD calls name settings by their own type ({@code SecuritySettings}); deploys use Settings + member. */
    private static String[] deployTypeAndMember(String crudType, String fullName) {
        if (crudType.endsWith("Settings") && !crudType.equals("Settings") && !crudType.startsWith("ExtlClntApp")) {
            return new String[] {"Settings", crudType.substring(0, crudType.length() - "Settings".length())};
        }
        return new String[] {crudType, fullName};
    }

    private XMLizable readMetadata(Org org, Element op, TypeMapper mapper) {
        String type = text(op, "type");
        List<Metadata> records = new ArrayList<>();
        for (String fullName : texts(op, "fullNames")) {
            String[] tm = deployTypeAndMember(type, fullName);
            String xml = OrgMetadataFiles.mainXml(org, tm[0], tm[1]);
            records.add(xml == null ? null : load(type, fullName, xml, mapper));
        }
        ReadResult r = new ReadResult();
        r.setRecords(records.toArray(Metadata[]::new));
        ReadMetadataResponse_element out = new ReadMetadataResponse_element();
        out.setResult(r);
        return out;
    }

    /** Loads a metadata file into WSC's generated class for the type (the records of a readMetadata answer). */
    private static Metadata load(String type, String fullName, String xml, TypeMapper mapper) {
        try {
            Class<?> cls = Class.forName("com.sforce.soap.metadata." + type);
            XmlInputStream in = new XmlInputStream();
            in.setInput(new ByteArrayInputStream(schemaOrder(xml)), "UTF-8");
            in.peekTag();
            Metadata m = (Metadata) mapper.readObject(in, new TypeInfo(NS, in.getName(), null, null, 1, 1, true), cls);
            m.setFullName(fullName);
            return m;
        } catch (ClassNotFoundException e) {
            throw new SoapFault("INVALID_TYPE", "Unknown type: " + type, FAULT);
        } catch (IOException | ConnectionException | com.sforce.ws.parser.PullParserException e) {
            throw new IllegalStateException("cannot read " + type + " " + fullName + ": " + e.getMessage(), e);
        }
    }

    /**
     * updateMetadata: the upsert's deploy for components that exist (settings always do); a component that does not
     * exist is refused (INVALID_CROSS_REFERENCE_KEY, wording UNCONFIRMED) and not created. Results in request order.
     */
    private XMLizable updateMetadata(Org org, String userId, Element op) {
        List<com.sforce.soap.metadata.SaveResult> results = new ArrayList<>();
        List<Integer> deployed = new ArrayList<>();
        int i = 0;
        for (Element md : children(op, "metadata")) {
            String xsiType = md.getAttributeNS(SoapMessage.XSI, "type");
            String type = xsiType.contains(":") ? xsiType.substring(xsiType.indexOf(':') + 1) : xsiType;
            String fullName = text(md, "fullName");
            String[] tm = deployTypeAndMember(type, fullName);
            boolean exists = type.endsWith("Settings")
                    || fullName != null
                            && !OrgMetadataFiles.files(org, tm[0], tm[1]).isEmpty();
            com.sforce.soap.metadata.SaveResult r = new com.sforce.soap.metadata.SaveResult();
            r.setFullName(fullName);
            if (exists) {
                deployed.add(i);
            } else {
                r.setSuccess(false);
                r.setErrors(new com.sforce.soap.metadata.Error[] {
                    error(
                            StatusCode.INVALID_CROSS_REFERENCE_KEY,
                            "In field: fullName - no " + type + " named " + fullName + " found")
                });
                op.removeChild(md);
            }
            results.add(r);
            i++;
        }
        UpsertResult[] upserted = ((UpsertMetadataResponse_element) upsertMetadata(org, userId, op)).getResult();
        for (int k = 0; k < deployed.size(); k++) {
            com.sforce.soap.metadata.SaveResult r = results.get(deployed.get(k));
            r.setSuccess(upserted[k].getSuccess());
            r.setErrors(upserted[k].getErrors());
        }
        com.sforce.soap.metadata.UpdateMetadataResponse_element out =
                new com.sforce.soap.metadata.UpdateMetadataResponse_element();
        out.setResult(results.toArray(com.sforce.soap.metadata.SaveResult[]::new));
        return out;
    }

    /**
     * {@code createMetadata} (simple-salesforce's {@code mdapi.<Type>.create}): upsertMetadata for components that do
     * not exist yet; an existing one fails with DUPLICATE_VALUE (code and wording UNCONFIRMED).
     */
    private XMLizable createMetadata(Org org, String userId, Element op) {
        List<com.sforce.soap.metadata.SaveResult> results = new ArrayList<>();
        List<Integer> created = new ArrayList<>();
        int i = 0;
        for (Element md : children(op, "metadata")) {
            String xsiType = md.getAttributeNS(SoapMessage.XSI, "type");
            String type = xsiType.contains(":") ? xsiType.substring(xsiType.indexOf(':') + 1) : xsiType;
            String fullName = text(md, "fullName");
            com.sforce.soap.metadata.SaveResult r = new com.sforce.soap.metadata.SaveResult();
            r.setFullName(fullName);
            String[] tm = deployTypeAndMember(type, fullName);
            if (fullName != null && !OrgMetadataFiles.files(org, tm[0], tm[1]).isEmpty()) {
                r.setSuccess(false);
                r.setErrors(new com.sforce.soap.metadata.Error[] {
                    error(StatusCode.DUPLICATE_VALUE, "There is already a " + type + " named " + fullName)
                });
                op.removeChild(md);
            } else {
                created.add(i);
            }
            results.add(r);
            i++;
        }
        UpsertResult[] upserted = ((UpsertMetadataResponse_element) upsertMetadata(org, userId, op)).getResult();
        for (int k = 0; k < created.size(); k++) {
            com.sforce.soap.metadata.SaveResult r = results.get(created.get(k));
            r.setSuccess(upserted[k].getSuccess());
            r.setErrors(upserted[k].getErrors());
        }
        com.sforce.soap.metadata.CreateMetadataResponse_element out =
                new com.sforce.soap.metadata.CreateMetadataResponse_element();
        out.setResult(results.toArray(com.sforce.soap.metadata.SaveResult[]::new));
        return out;
    }

    private XMLizable upsertMetadata(Org org, String userId, Element op) {
        List<UpsertResult> results = new ArrayList<>();
        for (Element md : children(op, "metadata")) {
            String xsiType = md.getAttributeNS(SoapMessage.XSI, "type");
            String type = xsiType.contains(":") ? xsiType.substring(xsiType.indexOf(':') + 1) : xsiType;
            String fullName = text(md, "fullName");
            UpsertResult r = new UpsertResult();
            r.setFullName(fullName);
            String[] tm = deployTypeAndMember(type, fullName);
            MetadataUnit unit = MetadataUnits.find(tm[0]);
            if (unit == null
                    || unit.type().metaFile()
                    || unit.type().bundle()
                    || unit.type().isChild()
                    || fullName == null) {
                r.setSuccess(false);
                r.setErrors(new com.sforce.soap.metadata.Error[] {
                    error(
                            StatusCode.INVALID_TYPE,
                            fullName == null
                                    ? "fullName is required"
                                    : "upsertMetadata of " + type + " is not supported by the local org")
                });
                results.add(r);
                continue;
            }
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(unit.fileOf(tm[1]), asFile(md, type));
            files.put(
                    "package.xml",
                    MdapiPackage.packageXml(Map.of(tm[0], List.of(tm[1])), "62.0")
                            .getBytes(StandardCharsets.UTF_8));
            boolean existed = !OrgMetadataFiles.files(org, tm[0], tm[1]).isEmpty();
            DeployOutcome outcome =
                    DeployEngine.deploy(org, userId, MdapiPackage.zip(files), DeployEngine.Options.defaults());
            r.setSuccess(outcome.success());
            r.setCreated(outcome.success() && !existed);
            if (!outcome.success()) {
                List<com.sforce.soap.metadata.Error> errors = new ArrayList<>();
                for (ComponentResult f : outcome.failures()) {
                    errors.add(error(StatusCode.FIELD_INTEGRITY_EXCEPTION, f.problem()));
                }
                r.setErrors(errors.toArray(com.sforce.soap.metadata.Error[]::new));
            }
            results.add(r);
        }
        UpsertMetadataResponse_element out = new UpsertMetadataResponse_element();
        out.setResult(results.toArray(UpsertResult[]::new));
        return out;
    }

    /** A {@code <metadata xsi:type="T">} element re-rooted as the file {@code <T>} a deploy reads. */
    private static byte[] asFile(Element md, String rootName) {
        try {
            org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .newDocument();
            Element root = doc.createElementNS(NS, rootName);
            doc.appendChild(root);
            for (Element child : children(md)) {
                if (!child.getLocalName().equals("fullName")) {
                    root.appendChild(doc.importNode(child, true));
                }
            }
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(w));
            return w.toString().getBytes(StandardCharsets.UTF_8);
        } catch (javax.xml.parsers.ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    private static com.sforce.soap.metadata.Error error(StatusCode code, String message) {
        com.sforce.soap.metadata.Error e = new com.sforce.soap.metadata.Error();
        e.setStatusCode(code);
        e.setMessage(message);
        return e;
    }

    private XMLizable listMetadata(Org org, Element op) {
        List<FileProperties> out = new ArrayList<>();
        java.time.Instant now = org.db().clock().instant();
        for (Element q : children(op, "queries")) {
            String crudType = text(q, "type");
            String[] tm = deployTypeAndMember(crudType, null);
            MetadataUnit unit = MetadataUnits.find(tm[0]);
            if (unit == null) {
                continue;
            }
            String folder = text(q, "folder");
            for (String member : OrgMetadataFiles.list(org, tm[0])) {
                if (tm[1] != null && !tm[1].equalsIgnoreCase(member)) {
                    continue;
                }
                if (folder != null && !folder.isEmpty() && !member.startsWith(folder + "/")) {
                    continue;
                }
                out.add(fileProperties(org, now, crudType, member, unit.fileOf(member), unit.recordId(org, member)));
            }
        }
        ListMetadataResponse_element r = new ListMetadataResponse_element();
        r.setResult(out.toArray(FileProperties[]::new));
        return r;
    }

    private XMLizable deleteMetadata(Org org, String userId, Element op) {
        String type = text(op, "type");
        List<DeleteResult> results = new ArrayList<>();
        for (String fullName : texts(op, "fullNames")) {
            DeleteResult r = new DeleteResult();
            r.setFullName(fullName);
            try {
                delete(org, userId, type, fullName);
                r.setSuccess(true);
            } catch (OrgException | IllegalArgumentException e) {
                r.setSuccess(false);
                r.setErrors(new com.sforce.soap.metadata.Error[] {
                    error(StatusCode.INVALID_CROSS_REFERENCE_KEY, e.getMessage())
                });
            }
            results.add(r);
        }
        DeleteMetadataResponse_element out = new DeleteMetadataResponse_element();
        out.setResult(results.toArray(DeleteResult[]::new));
        return out;
    }

    private static void delete(Org org, String userId, String type, String fullName) {
        MetadataUnit unit = MetadataUnits.find(type);
        if (unit == null) {
            throw new IllegalArgumentException("Unknown type: " + type);
        }
        unit.delete(org, userId, fullName);
    }

    private static Calendar cal(java.time.Instant i) {
        GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        c.setTimeInMillis(i.toEpochMilli());
        return c;
    }

    /**
     * A deployed file's elements in the Metadata API's schema order (fullName first, then alphabetical at every
     * level; stable for repeated elements): source files keep e.g. {@code fields} after {@code visibility}, which
     * WSC's strict reader would reject.
     */
    static byte[] schemaOrder(String xml) {
        try {
            Element root = MetadataXml.parse(xml.getBytes(StandardCharsets.UTF_8));
            sortChildren(root);
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(root.getOwnerDocument()), new StreamResult(w));
            return w.toString().getBytes(StandardCharsets.UTF_8);
        } catch (MetadataXml.MalformedXml | TransformerException e) {
            throw new IllegalStateException("stored metadata is not readable: " + e.getMessage(), e);
        }
    }

    private static void sortChildren(Element e) {
        List<Element> kids = children(e);
        if (kids.isEmpty()) {
            return;
        }
        for (org.w3c.dom.Node n = e.getFirstChild(); n != null; ) {
            org.w3c.dom.Node next = n.getNextSibling();
            if (n.getNodeType() == org.w3c.dom.Node.TEXT_NODE) {
                e.removeChild(n);
            }
            n = next;
        }
        List<Element> sorted = new ArrayList<>(kids);
        sorted.sort((a, b) -> {
            String x = a.getLocalName();
            String y = b.getLocalName();
            if (x.equals(y)) {
                return 0;
            }
            return x.equals("fullName") ? -1 : y.equals("fullName") ? 1 : x.compareTo(y);
        });
        for (Element k : sorted) {
            e.appendChild(k);
            sortChildren(k);
        }
    }
}
