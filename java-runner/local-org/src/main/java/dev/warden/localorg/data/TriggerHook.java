package dev.warden.localorg.data;

/**
 * A batch trigger on one object type, registered with {@link OrgDatabase#addTriggerHook}: the local org's plug for
 * Apex triggers. Called once per DML chunk (at most {@link OrgDatabase#CHUNK_SIZE} rows) per phase, inside the
 * writing transaction. See docs/local-org.md "Write path" for the contract.
 *
 * <p>A hook may change {@link TriggerBatch#newRows()} in {@code before} (insert/update), reject rows with
 * {@link TriggerBatch#addError}, and do DML itself (it joins the transaction and fires hooks again, up to
 * {@link OrgDatabase#MAX_TRIGGER_DEPTH} levels). Throwing an {@link OrgException} fails every row of the chunk with
 * that error; any other exception is a bug and rolls the whole transaction back.
 */
public interface TriggerHook {
    /** Before the chunk's rows are validated again and written. Not called for undelete (Apex has no before undelete). */
    default void before(TriggerBatch batch) {}

    /** After the chunk's rows are written (and the platform's own per-record rules ran); rows are read-only. */
    default void after(TriggerBatch batch) {}

    /** The name errors report, like an Apex trigger's name (e.g. in "maximum trigger depth exceeded"). */
    default String name() {
        return getClass().getSimpleName();
    }
}
