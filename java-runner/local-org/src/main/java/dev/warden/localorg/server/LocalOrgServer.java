package dev.warden.localorg.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.warden.localorg.LocalOrg;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.rules.Access;
import dev.warden.localorg.setup.IpRange;
import dev.warden.localorg.setup.Org;
import dev.warden.localorg.setup.StateFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The local org's HTTP server on 127.0.0.1: one dispatcher that resolves the caller's address, applies fault rules,
 * checks the session and the daily API budget, routes, and turns every failure into a Salesforce-shaped answer
 * (never a stack trace).
 */
public final class LocalOrgServer implements LocalOrg, LocalOrgContext {
    /** Simulated client address for IP rules; honoured only from loopback peers (documented, for tests). */
    public static final String CLIENT_IP_HEADER = "X-Warden-Client-Ip";

    private static final Pattern SOAP_OPERATION =
            Pattern.compile("<(?:[A-Za-z0-9_]+:)?Body[^>]*>\\s*<(?:[A-Za-z0-9_]+:)?([A-Za-z0-9_]+)");

    static {
        // TCP_NODELAY on accepted sockets: without it every small request/answer pair waits out Nagle + delayed ACK
        // (about 40 ms a call on Linux loopback; scripts/bench/write-path measured 21 → 325 REST creates/s).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer http;
    /** Plain-http mode only: the public port, answering TLS clients instead of letting them hang. */
    private final TlsRefusingFront front;

    private final ExecutorService pool;
    private final Path certificatePem;
    private final String instanceUrl;
    private final String adminUsername;
    private final String adminToken;
    private final Clock clock;
    private final Path stateFile;
    private final Sessions sessions = new Sessions();
    private final Routes routes = new Routes();
    private final Faults faults = new Faults();
    private final RequestLog log = new RequestLog();
    private final List<Consumer<Org>> orgHooks = new CopyOnWriteArrayList<>();
    private volatile Function<Request, String> soapOperationResolver = LocalOrgServer::defaultSoapOperation;
    private volatile Org org;
    /** Null for an org started on its own; set for a scratch org its Dev Hub created (see {@link HostedOrg}). */
    private final HostedOrg hosted;

    private final List<Runnable> closeHooks = new CopyOnWriteArrayList<>();
    /** Answers a request before routing when it returns non-null (an expired scratch org refuses everything). */
    private volatile Function<Request, Response> gate = req -> null;

    private LocalOrgServer(LocalOrgOptions options) throws IOException {
        this(options, null);
    }

    private LocalOrgServer(LocalOrgOptions options, HostedOrg hosted) throws IOException {
        this.clock = Clock.systemUTC();
        this.hosted = hosted;
        this.stateFile = options.stateFile();
        this.adminUsername = hosted != null ? hosted.adminUsername() : "admin@warden.local";
        org = stateFile != null && Files.exists(stateFile)
                ? loadState(stateFile)
                : Org.seeded(adminUsername, clock, Org.Identity.fresh(options.production()));
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port());
        SelfSignedTls tls = options.https() ? SelfSignedTls.create() : null;
        if (tls != null) {
            HttpsServer s = HttpsServer.create(address, 128);
            s.setHttpsConfigurator(new HttpsConfigurator(tls.context()));
            http = s;
            certificatePem = tls.certificatePem();
            front = null;
        } else {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            certificatePem = null;
            try {
                front = new TlsRefusingFront(address, http.getAddress());
            } catch (IOException e) {
                http.stop(0);
                throw e;
            }
        }
        instanceUrl = (tls != null ? "https" : "http") + "://127.0.0.1:"
                + (front != null ? front.port() : http.getAddress().getPort());
        adminToken = options.adminToken() != null
                ? options.adminToken()
                : org.orgId().substring(0, 15) + "!" + Sessions.random(48);
        sessions.register(adminToken, org.adminUserId(), "127.0.0.1");
        installExtensions();
        // Enough threads for a client's concurrent requests while each sits in an injected delay (150 ms per call
        // benchmarks): with 8, a 16-way scanner queued behind the sleeping threads.
        pool = Executors.newFixedThreadPool(Math.max(48, Runtime.getRuntime().availableProcessors() * 4), r -> {
            Thread t = new Thread(r, "local-org-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(pool);
        http.createContext("/", this::dispatch);
        http.start();
    }

    /**
     * Installs every listed extension, the core routes last; one that can't be loaded is reported on stderr and
     * skipped. Without core routes (REST, OAuth, admin) the org could not answer anything, so it refuses to start.
     */
    private void installExtensions() {
        java.util.Iterator<LocalOrgExtension> it =
                ServiceLoader.load(LocalOrgExtension.class).iterator();
        List<LocalOrgExtension> core = new java.util.ArrayList<>();
        for (int attempts = 0; attempts < 100; attempts++) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                LocalOrgExtension e = it.next();
                if (e.core()) {
                    core.add(e);
                } else {
                    e.install(this);
                }
            } catch (java.util.ServiceConfigurationError e) {
                System.err.println("local-org: an extension could not be loaded and is skipped: " + e.getMessage());
            }
        }
        if (core.isEmpty()) {
            throw new IllegalStateException("local-org: no core routes (REST, OAuth, admin) on the class path: "
                    + "META-INF/services/" + LocalOrgExtension.class.getName() + " lists none");
        }
        core.forEach(e -> e.install(this));
    }

    @Override
    public AdminControl adminControl() {
        return new AdminControl() {
            @Override
            public void reset() {
                LocalOrgServer.this.reset();
            }

            @Override
            public Faults faults() {
                return faults;
            }

            @Override
            public RequestLog requestLog() {
                return log;
            }
        };
    }

    /** Starts a seeded org; see {@link LocalOrg#start}. */
    public static LocalOrgServer start(LocalOrgOptions options) {
        try {
            return new LocalOrgServer(options == null ? LocalOrgOptions.defaults() : options);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot listen on 127.0.0.1:" + (options == null ? 0 : options.port()) + ": " + e.getMessage(), e);
        }
    }

    /** Starts an org another local org hosts (a Dev Hub's scratch org); see {@link HostedOrg}. */
    public static LocalOrgServer startHosted(LocalOrgOptions options, HostedOrg hosted) {
        try {
            return new LocalOrgServer(options, hosted);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + options.port() + ": " + e.getMessage(), e);
        }
    }

    /** Null unless this org was created by a Dev Hub. */
    public HostedOrg hosted() {
        return hosted;
    }

    /** Runs {@code hook} when the server closes (a Dev Hub closes the orgs it hosts). */
    public void onClose(Runnable hook) {
        closeHooks.add(hook);
    }

    /** Sets the check every request passes before routing; see {@link #gate}. */
    public void gate(Function<Request, Response> check) {
        gate = check == null ? req -> null : check;
    }

    /** Adds a check after the current gate (which keeps answering first); see {@link #gate}. */
    public synchronized void addGate(Function<Request, Response> check) {
        Function<Request, Response> before = gate;
        gate = req -> {
            Response r = before.apply(req);
            return r != null ? r : check.apply(req);
        };
    }

    // ------------------------------------------------------------------ LocalOrg / LocalOrgContext

    @Override
    public String instanceUrl() {
        return instanceUrl;
    }

    @Override
    public String adminUsername() {
        return adminUsername;
    }

    @Override
    public String adminAccessToken() {
        return adminToken;
    }

    @Override
    public String orgId() {
        return org.orgId();
    }

    @Override
    public Path certificatePath() {
        return certificatePem;
    }

    @Override
    public Org org() {
        return org;
    }

    @Override
    public Sessions sessions() {
        return sessions;
    }

    @Override
    public Routes routes() {
        return routes;
    }

    @Override
    public String readyLine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instanceUrl", instanceUrl);
        m.put("adminUsername", adminUsername);
        m.put("accessToken", adminToken);
        m.put("orgId", org.orgId());
        if (certificatePem != null) {
            m.put("certificatePem", certificatePem.toString());
        }
        return Json.string(m);
    }

    @Override
    public void onOrgCreated(Consumer<Org> hook) {
        orgHooks.add(hook);
        hook.accept(org);
    }

    @Override
    public void soapOperationResolver(Function<Request, String> resolver) {
        soapOperationResolver = resolver;
    }

    private Org.Identity identity() {
        Org current = org;
        Object type = current.db().live(current.orgId()) == null
                ? null
                : current.db().live(current.orgId()).get("OrganizationType");
        return new Org.Identity(
                dev.warden.localorg.model.Ids.sequence(current.orgId()), "Enterprise Edition".equals(type));
    }

    /** Back to a freshly seeded org; the admin token stays valid, every other token ends. */
    public synchronized void reset() {
        // The same org id and kind after a reset: it is the same org, emptied.
        Org fresh = Org.seeded(adminUsername, clock, identity());
        for (Consumer<Org> hook : orgHooks) {
            hook.accept(fresh);
        }
        org = fresh;
        sessions.clearExcept(adminToken);
        sessions.register(adminToken, fresh.adminUserId(), "127.0.0.1");
        faults.clear();
        log.clear();
    }

    @Override
    public void close() {
        for (Runnable hook : closeHooks) {
            hook.run();
        }
        if (front != null) {
            front.close();
        }
        http.stop(0);
        pool.shutdownNow();
        if (stateFile != null) {
            try {
                StateFile.save(org, stateFile);
            } catch (IOException e) {
                System.err.println("local-org: cannot save the state to " + stateFile + ": " + e.getMessage());
            }
        }
    }

    private Org loadState(Path file) {
        try {
            return StateFile.load(file, clock);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot load the local org state from " + file + ": "
                            + (e.getMessage() == null
                                    ? e.getClass().getSimpleName()
                                    : e.getMessage().split("\n")[0]),
                    e);
        }
    }

    // ------------------------------------------------------------------ dispatch

    private void dispatch(HttpExchange ex) throws IOException {
        long started = System.nanoTime();
        String method = ex.getRequestMethod();
        String path = normalisedPath(ex.getRequestURI());
        String rawQuery = ex.getRequestURI().getRawQuery();
        Org current = org;
        ApiKind kind = ApiKind.OTHER;
        String soapOperation = null;
        Response response;
        try {
            byte[] body = readBody(ex);
            Request req = new Request(method, path, rawQuery, ex.getRequestHeaders(), body, clientIp(ex), current);
            Routes.Found found = routes.find(method, path);
            kind = found != null ? found.route().kind() : path.startsWith("/_local/") ? ApiKind.ADMIN : ApiKind.OTHER;
            if (path.startsWith("/services/Soap/")) {
                soapOperation = soapOperationResolver.apply(req);
            }
            Response gated = kind == ApiKind.ADMIN ? null : gate.apply(req);
            response = gated != null
                    ? gated
                    : kind == ApiKind.ADMIN ? handleAdmin(req, found) : handle(req, found, kind, soapOperation, ex);
        } catch (OrgException e) {
            response = Response.sfError(e);
        } catch (ConnectionReset e) {
            log.add(new RequestLog.Entry(
                    Instant.now(), method, path, kind == ApiKind.OAUTH ? null : rawQuery, kind, soapOperation, 0, 0));
            throw e;
        } catch (RuntimeException e) {
            response = unexpected(e);
        }
        if (path.startsWith("/services/")
                && !path.equals("/services/data")
                && !path.equals("/services/data/")
                && kind != ApiKind.OAUTH) {
            response =
                    response.withHeader("Sforce-Limit-Info", current.apiUsage().header());
        }
        send(ex, response);
        if (kind != ApiKind.ADMIN) {
            // OAuth query strings may carry tokens or assertions: never logged.
            log.add(new RequestLog.Entry(
                    Instant.now(),
                    method,
                    path,
                    kind == ApiKind.OAUTH ? null : rawQuery,
                    kind,
                    soapOperation,
                    response.status(),
                    (System.nanoTime() - started) / 1_000_000));
        }
    }

    private Response handleAdmin(Request req, Routes.Found found) throws IOException {
        String auth = req.header("Authorization");
        if (auth == null || !(auth.equals("Bearer " + adminToken) || hostedOrgAdmin(auth))) {
            return Response.sfError(
                    401,
                    "INVALID_SESSION_ID",
                    "The /_local admin endpoints need Authorization: Bearer <the admin token given at start>",
                    null);
        }
        return route(req, found);
    }

    /**
     * A scratch org's admin endpoints also accept its own admin user's session: whoever created the org through sf holds
     * that session, never the hosted org's admin token, and the endpoints stand in for Setup pages that admin uses.
     */
    private boolean hostedOrgAdmin(String auth) {
        if (hosted == null || !auth.startsWith("Bearer ")) {
            return false;
        }
        Session s = sessions.lookup(auth.substring("Bearer ".length()));
        return s != null && org.adminUserId().equals(s.userId());
    }

    private Response handle(Request req, Routes.Found found, ApiKind kind, String soapOperation, HttpExchange ex) {
        FaultRule.Fault fault = faults.check(req.method(), req.path(), soapOperation);
        if (fault != null && "lostResponse".equals(fault.kind())) {
            // Process and commit as usual, then drop the connection instead of answering.
            handleUnfaulted(req, found, kind);
            throw new ConnectionReset();
        }
        if (fault != null) {
            Response injected = applyFault(fault, kind, ex);
            if (injected != null) {
                return injected;
            }
        }
        return handleUnfaulted(req, found, kind);
    }

    private Response handleUnfaulted(Request req, Routes.Found found, ApiKind kind) {
        if (found == null) {
            return Response.sfError(404, "NOT_FOUND", "The requested resource does not exist", null);
        }
        if (found.methodMismatch()) {
            return Response.sfError(
                    405,
                    "METHOD_NOT_ALLOWED",
                    "HTTP Method '" + req.method() + "' not allowed. Allowed are "
                            + String.join(",", routes.methodsFor(req.path())),
                    null);
        }
        Org current = req.org();
        if (found.route().needsSession()) {
            Session s = validSession(bearer(req), req.clientIp());
            if (s == null) {
                return Response.sfError(401, "INVALID_SESSION_ID", "Session expired or invalid", null);
            }
            req.session(s);
        }
        if (kind.countsAgainstLimit()
                && !isVersionsList(req)
                && !current.apiUsage().tryConsume()) {
            return Response.sfError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", null);
        }
        if (req.session() != null
                && (kind == ApiKind.REST || kind == ApiKind.APEX_REST)
                && !Access.ofUser(current.db(), req.session().userId()).has("ApiEnabled")) {
            return Response.sfError(403, "API_CURRENTLY_DISABLED", "API is disabled for this User", null);
        }
        return route(req, found);
    }

    private Response route(Request req, Routes.Found found) {
        if (found == null) {
            return Response.sfError(404, "NOT_FOUND", "The requested resource does not exist", null);
        }
        req.match(found.matcher());
        try {
            return found.route().handler().handle(req);
        } catch (OrgException e) {
            return Response.sfError(e);
        } catch (dev.warden.soql.SoqlException e) {
            return Response.sfError(400, e.errorCode(), e.getMessage(), null);
        } catch (ConnectionReset e) {
            throw e;
        } catch (Exception e) {
            return unexpected(e);
        }
    }

    @Override
    public Session validSession(String token, String clientIp) {
        Org current = org;
        Session s = sessions.lookup(token);
        Record user = s == null ? null : current.db().live(s.userId());
        if (user == null || !user.is("IsActive") || !sessionIpAllowed(current, s, user, clientIp)) {
            return null;
        }
        return s;
    }

    /** Profile login IP ranges on every request when SecuritySettings says so, and sessions locked to their IP. */
    private static boolean sessionIpAllowed(Org org, Session s, Record user, String clientIp) {
        Map<String, Object> security = org.metadata().settings("Security");
        if (Boolean.TRUE.equals(security.get("lockSessionsToIp"))
                && s.appName() != null
                && !clientIp.equals(s.issuedToIp())) {
            return false;
        }
        if (Boolean.TRUE.equals(security.get("enforceIpRangesEveryRequest"))) {
            Record profile = org.db().retrieve(user.getString("ProfileId"));
            List<IpRange> ranges = org.metadata().profileLoginIpRanges(profile.getString("Name"));
            return ranges.isEmpty() || ranges.stream().anyMatch(r -> r.contains(clientIp));
        }
        return true;
    }

    private Response applyFault(FaultRule.Fault fault, ApiKind kind, HttpExchange ex) {
        switch (fault.kind()) {
            case "delay" -> {
                try {
                    Thread.sleep(fault.ms());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }
            case "reset" -> throw new ConnectionReset();
            case "http" -> {
                return Response.text(
                        fault.status(), "text/plain;charset=UTF-8", fault.body() == null ? "" : fault.body());
            }
            default -> {
                int status = fault.status() == null
                        ? (kind == ApiKind.SOAP_METADATA || kind == ApiKind.SOAP_PARTNER ? 500 : 400)
                        : fault.status();
                String message = fault.message() == null ? fault.errorCode() : fault.message();
                if (kind == ApiKind.SOAP_METADATA || kind == ApiKind.SOAP_PARTNER) {
                    return SoapFaults.fault(status, fault.errorCode(), message);
                }
                if (kind == ApiKind.OAUTH) {
                    return Response.json(status, Map.of("error", fault.errorCode(), "error_description", message));
                }
                return Response.sfError(status, fault.errorCode(), message, null);
            }
        }
    }

    private static boolean isVersionsList(Request req) {
        return req.path().equals("/services/data") || req.path().equals("/services/data/");
    }

    static String bearer(Request req) {
        String auth = req.header("Authorization");
        if (auth == null) {
            return null;
        }
        if (auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.regionMatches(true, 0, "OAuth ", 0, 6)) {
            return auth.substring(auth.indexOf(' ') + 1).trim();
        }
        return null;
    }

    private static Response unexpected(Exception e) {
        String errorId = UUID.randomUUID().toString().substring(0, 8);
        System.err.println("local-org: unexpected error " + errorId + ": " + e);
        return Response.sfError(
                500,
                "UNKNOWN_EXCEPTION",
                "An unexpected error occurred. Please include this ErrorId" + " if you contact support: " + errorId,
                null);
    }

    private static String clientIp(HttpExchange ex) {
        InetAddress peer = ex.getRemoteAddress().getAddress();
        String simulated = ex.getRequestHeaders().getFirst(CLIENT_IP_HEADER);
        if (simulated != null && peer.isLoopbackAddress()) {
            return simulated.trim();
        }
        return peer.getHostAddress();
    }

    private static byte[] readBody(HttpExchange ex) throws IOException {
        long limit = RequestLimits.maxBody(ex.getRequestHeaders().getFirst("Content-Type"));
        byte[] raw;
        try (InputStream in = ex.getRequestBody()) {
            raw = RequestLimits.readAtMost(in, limit);
        }
        String enc = ex.getRequestHeaders().getFirst("Content-Encoding");
        if (enc != null && enc.toLowerCase(java.util.Locale.ROOT).contains("gzip") && raw.length > 0) {
            // Inflated size capped like a plain body: a 2 MB gzip bomb must not become gigabytes in memory.
            try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return RequestLimits.readAtMost(gz, limit);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw new OrgException("JSON_PARSER_ERROR", "Content-Encoding gzip but the body is not gzip data");
            }
        }
        return raw;
    }

    private static void send(HttpExchange ex, Response r) throws IOException {
        r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        if (r.contentType() != null) {
            ex.getResponseHeaders().set("Content-Type", r.contentType());
        }
        boolean noBody = r.body().length == 0
                || r.status() == 204
                || ex.getRequestMethod().equalsIgnoreCase("HEAD");
        ex.sendResponseHeaders(r.status(), noBody ? -1 : r.body().length);
        if (!noBody) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        }
        ex.close();
    }

    /**
     * The request path with repeated slashes collapsed. sf stores the instance URL with a trailing slash and then asks
     * for {@code //services/data/...}, which java.net.URI reads as an authority: put it back into the path.
     */
    static String normalisedPath(java.net.URI uri) {
        String raw = (uri.getRawAuthority() != null ? "/" + uri.getRawAuthority() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
        String decoded = java.net.URLDecoder.decode(raw.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        String collapsed = decoded.replaceAll("/{2,}", "/");
        return collapsed.isEmpty() ? "/" : collapsed;
    }

    private static String defaultSoapOperation(Request req) {
        Matcher m = SOAP_OPERATION.matcher(req.bodyText());
        return m.find() ? m.group(1) : null;
    }

    /** Thrown to drop the connection without an answer (fault kind {@code reset}). */
    static final class ConnectionReset extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConnectionReset() {
            super("connection reset by fault rule", null, false, false);
        }
    }
}
