package dev.warden.localorg.metadata;

import dev.warden.localorg.model.Ids;
import dev.warden.localorg.setup.Org;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asynchronous deploys and retrieves, as the Metadata API runs them: a deploy is queued (Pending), runs
 * (InProgress) on one worker thread (deploys to one org never overlap) and ends Succeeded, SucceededPartial, Failed
 * or Canceled; callers poll {@code checkDeployStatus}. Shared by the SOAP and REST deploy endpoints.
 */
public final class MetadataJobs implements AutoCloseable {
    public enum Status {
        Pending,
        InProgress,
        Succeeded,
        SucceededPartial,
        Failed,
        Canceling,
        Canceled
    }

    /** A deploy and what it has come to so far. */
    public static final class DeployJob {
        public final String id;
        public final String userId;
        public final String userName;
        public final DeployEngine.Options options;
        public final Instant created;
        volatile Status status = Status.Pending;
        volatile Instant started;
        volatile Instant completed;
        volatile DeployOutcome outcome;
        volatile boolean cancelRequested;
        /** A check-only deploy keeps its zip until it is quick-deployed (deployRecentValidation), once. */
        volatile byte[] validatedZip;
        /** The validation this job quick-deploys, or null. */
        volatile String validationId;

        DeployJob(String id, String userId, String userName, DeployEngine.Options options, Instant created) {
            this.id = id;
            this.userId = userId;
            this.userName = userName;
            this.options = options;
            this.created = created;
        }

        public Status status() {
            return status;
        }

        public Instant started() {
            return started;
        }

        public Instant completed() {
            return completed;
        }

        public DeployOutcome outcome() {
            return outcome;
        }

        public boolean done() {
            return status == Status.Succeeded
                    || status == Status.SucceededPartial
                    || status == Status.Failed
                    || status == Status.Canceled;
        }
    }

    /** A retrieve: finished on creation (the org is in memory), kept until read. */
    public record RetrieveJob(
            String id, Instant created, byte[] zip, List<Retriever.FileEntry> files, List<String> messages) {}

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "local-org-deploy");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, DeployJob> deploys = new ConcurrentHashMap<>();
    private final Map<String, RetrieveJob> retrieves = new ConcurrentHashMap<>();
    private final AtomicLong deploySeq = new AtomicLong();
    private final AtomicLong retrieveSeq = new AtomicLong();

    /** Queues a deploy of {@code zip} into {@code org} as {@code userId}. */
    public DeployJob deploy(Org org, String userId, byte[] zip, DeployEngine.Options options) {
        var user = org.db().retrieve(userId);
        DeployJob job = new DeployJob(
                Ids.make("0Af", deploySeq.incrementAndGet()),
                userId,
                user == null ? userId : user.getString("Name"),
                options,
                org.db().clock().instant());
        deploys.put(job.id, job);
        if (options.checkOnly()) {
            job.validatedZip = zip;
        }
        worker.submit(() -> run(org, job, zip));
        return job;
    }

    /**
     * Quick deploy ({@code deployRecentValidation}): deploys, for real, the package of a check-only deploy that
     * succeeded. The local org runs no Apex tests, so no test-coverage condition applies (a real org requires the
     * validation to have run the required tests). A validation is quick-deployable once (wording UNCONFIRMED).
     *
     * @throws dev.warden.localorg.data.OrgException INVALID_ID_FIELD when the id is not such a validation
     */
    public synchronized DeployJob quickDeploy(Org org, String userId, String validationId) {
        DeployJob v = deployJob(validationId);
        if (v == null || !v.options.checkOnly() || v.status != Status.Succeeded || v.validatedZip == null) {
            throw new dev.warden.localorg.data.OrgException(
                    "INVALID_ID_FIELD",
                    "The validation " + validationId
                            + " is not a succeeded check-only deploy of this org that can be quick-deployed");
        }
        byte[] zip = v.validatedZip;
        v.validatedZip = null;
        DeployJob job = deploy(org, userId, zip, new DeployEngine.Options(false, v.options.rollbackOnError()));
        job.validationId = v.id;
        return job;
    }

    private void run(Org org, DeployJob job, byte[] zip) {
        if (job.cancelRequested) {
            job.status = Status.Canceled;
            job.completed = org.db().clock().instant();
            return;
        }
        job.status = Status.InProgress;
        job.started = org.db().clock().instant();
        DeployOutcome out;
        try {
            out = DeployEngine.deploy(org, job.userId, zip, job.options);
        } catch (RuntimeException e) {
            // Never a stack trace to the client: an unexpected engine failure is a failed deploy with its reason.
            out = new DeployOutcome(
                    false,
                    job.options.checkOnly(),
                    job.options.rollbackOnError(),
                    List.of(),
                    List.of(ComponentResult.failure(
                            "",
                            "package.xml",
                            "package.xml",
                            "UNKNOWN_EXCEPTION: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                            null,
                            null)),
                    0,
                    "UNKNOWN_EXCEPTION: " + e.getMessage());
        }
        job.outcome = out;
        job.completed = org.db().clock().instant();
        job.status = !out.success() ? Status.Failed : out.partial() ? Status.SucceededPartial : Status.Succeeded;
    }

    public DeployJob deployJob(String id) {
        return id == null || !Ids.isValid(id) ? null : deploys.get(Ids.canonical(id));
    }

    /** Cancels a deploy that has not started; a running or finished one is left as it is. Returns the job or null. */
    public DeployJob cancel(String id) {
        DeployJob job = deployJob(id);
        if (job != null && job.status == Status.Pending) {
            job.cancelRequested = true;
            job.status = Status.Canceling;
        }
        return job;
    }

    public RetrieveJob retrieve(Org org, Retriever.Request request) {
        Retriever.Result r = Retriever.retrieve(org, request);
        RetrieveJob job = new RetrieveJob(
                Ids.make("09S", retrieveSeq.incrementAndGet()),
                org.db().clock().instant(),
                r.zip(),
                r.files(),
                r.messages());
        retrieves.put(job.id(), job);
        return job;
    }

    public RetrieveJob retrieveJob(String id) {
        return id == null || !Ids.isValid(id) ? null : retrieves.get(Ids.canonical(id));
    }

    /** Ids of the deploys known, newest last (for /_local/state). */
    public Map<String, Status> deployStatuses() {
        Map<String, Status> out = new LinkedHashMap<>();
        deploys.values().stream().sorted((a, b) -> a.id.compareTo(b.id)).forEach(j -> out.put(j.id, j.status));
        return out;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
