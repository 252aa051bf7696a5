package dev.warden.soql.ast;

/** One entry of a SELECT list. */
public sealed interface SelectItem {
    Pos pos();

    /** A field or relationship path; {@code alias} only on grouped fields of an aggregate query (else null). */
    record Field(FieldPath path, String alias) implements SelectItem {
        public Field(FieldPath path) {
            this(path, null);
        }

        @Override
        public Pos pos() {
            return path.pos();
        }
    }

    /** {@code (SELECT ... FROM ChildRelationship ...)}: the parent's child records. */
    record SubQuery(Query query, Pos pos) implements SelectItem {}

    /** {@code FIELDS(ALL|STANDARD|CUSTOM)}: every field of the object of that kind, in describe order. */
    record Fields(String which, Pos pos) implements SelectItem {}

    /** {@code COUNT()}: the query answers only a count. */
    record CountAll(Pos pos) implements SelectItem {}

    /** {@code COUNT(f)}, {@code COUNT_DISTINCT(f)}, {@code MIN/MAX/SUM/AVG(f)} with an optional alias. */
    record Aggregate(AggregateFunction function, FieldPath path, String alias, String text, Pos pos)
            implements SelectItem {}
}
