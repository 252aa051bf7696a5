package dev.warden.localorg.metadata;

import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.model.Schema;
import dev.warden.localorg.setup.Org;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * The deploy orchestrator: reads an mdapi zip, has each component's unit ({@link MetadataUnits}) validate it against
 * the org plus the deploy itself, then applies them in the table's order inside one transaction, with the deletions
 * of {@code destructiveChangesPre.xml} before and of {@code destructiveChanges.xml}/{@code destructiveChangesPost.xml}
 * after. Every failing component is reported in the one answer. A failure with rollbackOnError (sf's default) leaves
 * the org exactly as it was (records, schema, stored files; metadata-held state is not touched once anything has
 * failed); a check-only deploy runs the same apply and always rolls it back, so it reports what a real deploy would.
 */
public final class DeployEngine {

    /**
     * @param testLevel the Metadata API's DeployOptions testLevel (null: none given, no tests run)
     * @param runTests the classes (or {@code Class.method}) of RunSpecifiedTests
     */
    public record Options(boolean checkOnly, boolean rollbackOnError, String testLevel, List<String> runTests) {
        public Options {
            runTests = runTests == null ? List.of() : List.copyOf(runTests);
        }

        public Options(boolean checkOnly, boolean rollbackOnError) {
            this(checkOnly, rollbackOnError, null, List.of());
        }

        public static Options defaults() {
            return new Options(false, true);
        }
    }

    /** Thrown inside the apply transaction to roll it back. */
    private static final class Rollback extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rollback() {
            super(null, null, false, false);
        }
    }

    /** One member named by a destructive changes file, and what its deletion came to. */
    private record Deletion(String type, String fullName, boolean pre, Component result) {}

    private final Org org;
    private final DeployContext ctx;
    private final List<Deletion> deletions = new ArrayList<>();
    /** The tests the deploy ran (testLevel), or null. */
    private DeployTestRun tests;

    private DeployEngine(Org org, String actor) {
        this.org = org;
        this.ctx = new DeployContext(org, actor);
    }

    public static DeployOutcome deploy(Org org, String actor, byte[] zip, Options options) {
        return new DeployEngine(org, actor).run(zip, options);
    }

    private DeployOutcome run(byte[] zip, Options options) {
        MdapiPackage pkg;
        try {
            pkg = MdapiPackage.read(zip);
        } catch (MdapiPackage.BadPackage e) {
            return new DeployOutcome(
                    false,
                    options.checkOnly(),
                    options.rollbackOnError(),
                    List.of(),
                    List.of(ComponentResult.failure("", "package.xml", "package.xml", e.getMessage(), null, null)),
                    0,
                    e.getMessage());
        } catch (MetadataXml.MalformedXml e) {
            return new DeployOutcome(
                    false,
                    options.checkOnly(),
                    options.rollbackOnError(),
                    List.of(),
                    List.of(ComponentResult.failure(
                            "", "package.xml", "package.xml", e.getMessage(), e.line(), e.column())),
                    0,
                    null);
        }
        pkg.members()
                .forEach((type, members) -> members.forEach(m -> {
                    for (String member : m.equals("*") ? wildcard(pkg, type) : List.of(m)) {
                        ctx.add(read(pkg, type, member));
                    }
                }));
        readDeletions(pkg);
        inOrder().forEach(this::validate);
        boolean anyFailed = failed();
        if (!(anyFailed && options.rollbackOnError())) {
            apply(options);
        }
        return outcome(options);
    }

    private List<Component> inOrder() {
        List<Component> out = new ArrayList<>(ctx.components());
        out.sort(Comparator.comparingInt(c -> MetadataUnits.order(c.type())));
        return out;
    }

    private boolean failed() {
        return ctx.components().stream().anyMatch(c -> !c.ok())
                || deletions.stream().anyMatch(d -> !d.result().ok());
    }

    // ------------------------------------------------------------------ reading the package

    /** The component of one package.xml member, with its files and parsed XML as its unit's layout says. */
    private Component read(MdapiPackage pkg, String type, String member) {
        MetadataUnit unit = MetadataUnits.find(type);
        if (unit == null) {
            Component c = new Component(type, member, "package.xml");
            // Wording UNCONFIRMED.
            c.fail("Unknown type name '" + type + "' specified in package.xml");
            return c;
        }
        MetadataType t = unit.type();
        String path = unit.fileOf(member);
        if (t.isChild()) {
            Component c = new Component(type, member, path);
            c.xml(parentFile(pkg, path, c));
            return c;
        }
        if (t.bundle()) {
            return readBundle(pkg, t, member);
        }
        Component c = new Component(type, member, path);
        boolean folder = t.isFolder(member);
        if (t.metaFile() && !folder) {
            byte[] content = pkg.file(path);
            byte[] meta = pkg.file(path + "-meta.xml");
            if (content == null || meta == null) {
                c.failMissingFile();
                return c;
            }
            c.content(content);
            c.files().put(path, content);
            c.files().put(path + "-meta.xml", meta);
            c.xml(parse(meta, c));
            return c;
        }
        byte[] bytes = pkg.file(path);
        if (bytes == null) {
            c.failMissingFile();
            return c;
        }
        c.content(bytes);
        c.files().put(path, bytes);
        Map<String, Element> parents = ctx.parentFiles();
        c.xml(parents.get(path) != null ? parents.get(path) : parse(bytes, c));
        if (c.xml() != null) {
            parents.put(path, c.xml()); // the file its child types (fields, labels, rules) are read from
        }
        return c;
    }

    /**
     * The members a {@code *} in package.xml stands for: every member of the type the zip holds (top-level types:
     * files in the type's folder; bundles: its sub-folders; child types: the elements of every parent file).
     */
    private static List<String> wildcard(MdapiPackage pkg, String type) {
        MetadataUnit unit = MetadataUnits.find(type);
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        if (unit == null) {
            return List.of("*");
        }
        MetadataType t = unit.type();
        String dir = t.directoryName() + "/";
        for (Map.Entry<String, byte[]> f : pkg.files().entrySet()) {
            String path = f.getKey();
            if (!path.startsWith(dir) || path.endsWith("-meta.xml") && !t.inFolder()) {
                continue;
            }
            String rest = path.substring(dir.length());
            if (t.bundle()) {
                if (rest.indexOf('/') > 0) {
                    out.add(rest.substring(0, rest.indexOf('/')));
                }
            } else if (t.isChild()) {
                if (rest.endsWith("." + t.suffix())) {
                    String parent = rest.substring(0, rest.length() - t.suffix().length() - 1);
                    try {
                        for (Element e : MetadataXml.children(MetadataXml.parse(f.getValue()), t.element())) {
                            String name = MetadataXml.text(e, "fullName");
                            out.add(t.parent().equals("CustomLabels") ? name : parent + "." + name);
                        }
                    } catch (MetadataXml.MalformedXml e) {
                        // reported when the parent itself is read
                    }
                }
            } else if (t.inFolder()) {
                String name =
                        rest.endsWith("-meta.xml") ? rest.substring(0, rest.length() - "-meta.xml".length()) : rest;
                if (t.suffix() != null && name.endsWith("." + t.suffix())) {
                    name = name.substring(0, name.length() - t.suffix().length() - 1);
                }
                out.add(name);
            } else if (t.suffix() == null || rest.endsWith("." + t.suffix())) {
                out.add(
                        t.suffix() == null
                                ? rest
                                : rest.substring(0, rest.length() - t.suffix().length() - 1));
            }
        }
        return out.isEmpty() ? List.of("*") : List.copyOf(out);
    }

    /** A bundle: every file under {@code dir/member/} (and a {@code dir/member.suffix-meta.xml} beside it). */
    private static Component readBundle(MdapiPackage pkg, MetadataType t, String member) {
        String prefix = t.directoryName() + "/" + member + "/";
        Component c = new Component(t.name(), member, t.directoryName() + "/" + member);
        String sibling = t.suffix() == null ? null : t.directoryName() + "/" + member + "." + t.suffix() + "-meta.xml";
        String meta = null;
        if (sibling != null && pkg.file(sibling) != null) {
            c.files().put(sibling, pkg.file(sibling));
            meta = sibling;
        }
        for (Map.Entry<String, byte[]> f : pkg.files().entrySet()) {
            if (f.getKey().startsWith(prefix)) {
                c.files().put(f.getKey(), f.getValue());
                String name = f.getKey().substring(prefix.length());
                if (meta == null && name.startsWith(member + ".") && name.endsWith("-meta.xml")) {
                    meta = f.getKey();
                }
            }
        }
        if (c.files().isEmpty()) {
            c.failMissingFile();
            return c;
        }
        if (meta == null) {
            // Wording UNCONFIRMED.
            c.fail("The bundle " + prefix + " has no " + member + ".*-meta.xml file");
            return c;
        }
        c.xml(parse(c.files().get(meta), c));
        return c;
    }

    private Element parentFile(MdapiPackage pkg, String path, Component c) {
        Map<String, Element> known = ctx.parentFiles();
        if (known.containsKey(path)) {
            Element e = known.get(path);
            if (e == null) {
                c.fail(path + " could not be read");
            }
            return e;
        }
        byte[] bytes = pkg.file(path);
        if (bytes == null) {
            c.failMissingFile();
            return null;
        }
        Element e = parse(bytes, c);
        known.put(path, e);
        return e;
    }

    private static Element parse(byte[] bytes, Component c) {
        try {
            return MetadataXml.parse(bytes);
        } catch (MetadataXml.MalformedXml e) {
            c.fail("Error parsing file: " + e.getMessage(), e.line(), e.column());
            return null;
        }
    }

    /** Members of destructiveChangesPre.xml (deleted first) and destructiveChanges[Post].xml (deleted last). */
    private void readDeletions(MdapiPackage pkg) {
        for (String file :
                List.of("destructiveChangesPre.xml", "destructiveChanges.xml", "destructiveChangesPost.xml")) {
            byte[] bytes = pkg.file(file);
            if (bytes == null) {
                continue;
            }
            Map<String, List<String>> members;
            try {
                members = MdapiPackage.members(bytes);
            } catch (MetadataXml.MalformedXml e) {
                Component c = new Component("", file, file);
                c.fail("Error parsing file: " + e.getMessage(), e.line(), e.column());
                deletions.add(new Deletion("", file, false, c));
                continue;
            }
            boolean pre = file.equals("destructiveChangesPre.xml");
            members.forEach((type, names) -> names.forEach(n -> {
                Component c = new Component(type, n, file);
                MetadataUnit unit = MetadataUnits.find(type);
                if (unit == null) {
                    c.fail("Unknown type name '" + type + "' specified in " + file);
                }
                deletions.add(new Deletion(type, n, pre, c));
            }));
        }
    }

    // ------------------------------------------------------------------ validation

    private void validate(Component c) {
        if (!c.ok()) {
            return;
        }
        try {
            MetadataUnits.find(c.type()).validate(c, ctx);
        } catch (IllegalArgumentException | OrgException e) {
            c.fail(e.getMessage());
        }
    }

    // ------------------------------------------------------------------ apply

    private void apply(Options options) {
        Schema.Snapshot schemaBefore = org.schema().snapshot();
        Map<String, DeployedFiles.StoredFile> filesBefore =
                DeployedFiles.of(org).snapshot();
        List<Component> toApply = inOrder().stream().filter(Component::ok).toList();
        boolean runTests = dev.warden.localorg.apex.ApexDeployTests.runsTests(options.testLevel());
        try {
            // With tests, the whole apply runs on the Apex test thread, which then holds the store's lock for both.
            onTestThreadIf(
                    runTests,
                    () -> org.db().transaction(() -> {
                        deletions.stream().filter(Deletion::pre).forEach(this::delete);
                        for (Component c : toApply) {
                            MetadataUnit unit = MetadataUnits.find(c.type());
                            if (unit.keptOutsideTransaction()
                                    && (options.checkOnly() || failed() && options.rollbackOnError())) {
                                continue; // validated above; metadata-held state has no rollback, so it is only touched
                                // by a deploy that will commit
                            }
                            try {
                                org.db().transaction(() -> unit.apply(c, ctx));
                            } catch (OrgException | IllegalArgumentException e) {
                                c.fail(e.getMessage());
                            }
                        }
                        deletions.stream().filter(d -> !d.pre()).forEach(this::delete);
                        dev.warden.localorg.apex.ApexDeployCompile.check(org, toApply);
                        if (runTests && !failed()) {
                            tests = dev.warden.localorg.apex.ApexDeployTests.run(
                                    org,
                                    options.testLevel(),
                                    options.runTests(),
                                    toApply.stream()
                                            .filter(c -> c.type().equals("ApexClass")
                                                    || c.type().equals("ApexTrigger"))
                                            .map(Component::fullName)
                                            .toList());
                        }
                        if (failed() && options.rollbackOnError() || options.checkOnly() || testsFailed()) {
                            throw new Rollback();
                        }
                    }));
        } catch (Rollback r) {
            org.schema().restore(schemaBefore);
            DeployedFiles.of(org).restore(filesBefore);
            return;
        } catch (RuntimeException e) {
            org.schema().restore(schemaBefore);
            DeployedFiles.of(org).restore(filesBefore);
            throw e;
        }
    }

    private static void onTestThreadIf(boolean testThread, Runnable work) {
        if (!testThread) {
            work.run();
            return;
        }
        dev.warden.apex.test.TestRunner.onTestThread(() -> {
            work.run();
            return null;
        });
    }

    /** A failing test fails the whole deploy, whatever rollbackOnError says (its changes are rolled back). */
    private boolean testsFailed() {
        return tests != null && tests.numFailures() > 0;
    }

    private void delete(Deletion d) {
        Component c = d.result();
        if (!c.ok()) {
            return;
        }
        MetadataUnit unit = MetadataUnits.find(d.type());
        if (unit.files(org, d.fullName()).isEmpty()
                && unit.list(org).stream().noneMatch(d.fullName()::equalsIgnoreCase)) {
            // The platform answers a deletion of something absent with a warning, not a failure (UNCONFIRMED wording).
            c.parsed("No " + d.type() + " named: " + d.fullName() + " found");
            return;
        }
        try {
            org.db().transaction(() -> unit.delete(org, ctx.actor(), d.fullName()));
            c.created(false);
            c.id(null);
        } catch (OrgException | IllegalArgumentException e) {
            c.fail(e.getMessage());
        }
    }

    // ------------------------------------------------------------------ result

    private DeployOutcome outcome(Options options) {
        List<ComponentResult> successes = new ArrayList<>();
        List<ComponentResult> failures = new ArrayList<>();
        boolean anyFailed = failed();
        boolean applied = !(anyFailed && options.rollbackOnError());
        boolean listed = applied;
        applied &= !testsFailed();
        for (Component c : ctx.components()) {
            if (!c.ok()) {
                failures.add(ComponentResult.failure(
                        c.type(), c.fullName(), c.fileName(), c.problem(), c.line(), c.column()));
            } else if (listed) {
                successes.add(ComponentResult.success(c.type(), c.fullName(), c.fileName(), c.created(), c.id()));
            }
        }
        for (Deletion d : deletions) {
            Component c = d.result();
            if (!c.ok()) {
                failures.add(ComponentResult.failure(
                        c.type(), c.fullName(), c.fileName(), c.problem(), c.line(), c.column()));
            } else if (listed) {
                successes.add(
                        c.parsed() instanceof String warning
                                ? ComponentResult.warning(c.type(), c.fullName(), c.fileName(), warning)
                                : ComponentResult.deleted(c.type(), c.fullName(), c.fileName()));
            }
        }
        if (listed) {
            // sf needs this line with an empty componentType (sf-cli-wire.md).
            successes.add(new ComponentResult(
                    "", "package.xml", "package.xml", true, false, true, false, null, null, null, null, null));
        }
        successes.sort((a, b) -> (a.componentType() + a.fullName()).compareTo(b.componentType() + b.fullName()));
        return new DeployOutcome(
                applied,
                options.checkOnly(),
                options.rollbackOnError(),
                successes,
                failures,
                ctx.components().size() + deletions.size(),
                null,
                tests);
    }

    /** Names of every type this engine deploys (modelled or stored), sorted. */
    public static java.util.Set<String> supportedTypes() {
        return new java.util.TreeSet<>(MetadataUnits.allTypes());
    }
}
