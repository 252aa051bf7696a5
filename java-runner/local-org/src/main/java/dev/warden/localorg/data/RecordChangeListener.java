package dev.warden.localorg.data;

/**
 * Hook into DML, like an Apex trigger. Listeners run synchronously inside the writing transaction: DML they do
 * joins it, and an {@link OrgException} they throw fails the operation (and rolls back an all-or-none batch).
 */
public interface RecordChangeListener {
    /** Before the write; may change {@link RecordChange#draft()} on insert/update, or throw to reject. */
    default void beforeChange(RecordChange change) {}

    /** After the write, still inside the transaction. */
    default void afterChange(RecordChange change) {}
}
