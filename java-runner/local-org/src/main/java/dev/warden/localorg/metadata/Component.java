package dev.warden.localorg.metadata;

import java.util.LinkedHashMap;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * One package.xml member being deployed: its files, its parsed XML, and what validation and apply made of it. The
 * first problem recorded is the one reported (a component fails once, with its first reason).
 */
public final class Component {
    private final String type;
    private final String fullName;
    private final String fileName;
    /** The component's files as they came in the zip (path relative to the package root to bytes). */
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    private Element xml;
    private byte[] content;
    private String problem;
    private Integer line;
    private Integer column;
    private boolean created;
    private String id;
    private Object parsed;

    public Component(String type, String fullName, String fileName) {
        this.type = type;
        this.fullName = fullName;
        this.fileName = fileName;
    }

    public String type() {
        return type;
    }

    public String fullName() {
        return fullName;
    }
    /** The file the deploy result names (the content file for content types, the object file for child types). */
    public String fileName() {
        return fileName;
    }

    public Map<String, byte[]> files() {
        return files;
    }
    /** The metadata XML (for content types, the -meta.xml); null when it could not be read. */
    public Element xml() {
        return xml;
    }

    public void xml(Element e) {
        xml = e;
    }
    /** The content file (body of a class, trigger, resource) or, for XML-only types, the XML file's bytes. */
    public byte[] content() {
        return content;
    }

    public void content(byte[] c) {
        content = c;
    }

    public String problem() {
        return problem;
    }

    public Integer line() {
        return line;
    }

    public Integer column() {
        return column;
    }

    public boolean created() {
        return created;
    }

    public void created(boolean c) {
        created = c;
    }

    public String id() {
        return id;
    }

    public void id(String i) {
        id = i;
    }
    /** What validation made of the XML, handed to apply (a field list, a permission set, IP ranges, ...). */
    public Object parsed() {
        return parsed;
    }

    public void parsed(Object p) {
        parsed = p;
    }

    /** The part after the first dot of a child or record name ({@code Obj__c.Field__c} gives {@code Field__c}). */
    public String memberName() {
        int dot = fullName.indexOf('.');
        return dot < 0 ? fullName : fullName.substring(dot + 1);
    }

    /** The part before the first dot ({@code Obj__c.Field__c} gives {@code Obj__c}). */
    public String parentName() {
        int dot = fullName.indexOf('.');
        return dot < 0 ? fullName : fullName.substring(0, dot);
    }

    public void fail(String p) {
        fail(p, null, null);
    }

    public void fail(String p, Integer l, Integer c) {
        if (problem == null) {
            problem = p;
            line = l;
            column = c;
        }
    }

    public boolean ok() {
        return problem == null;
    }

    /** The platform's message for a member listed in package.xml whose file is not in the zip. */
    public void failMissingFile() {
        fail("An object '" + fullName + "' of type " + type + " was named in package.xml, but was not found in zipped"
                + " directory");
    }
}
