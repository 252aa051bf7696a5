package dev.warden.soql;

import dev.warden.soql.eval.Executor;
import dev.warden.soql.parse.SoqlParser;

/** Entry point: parse SOQL, then check it against a source's describes and evaluate it over its rows. */
public final class Soql {
    private Soql() {}

    /** Syntax only; throws {@link SoqlException} MALFORMED_QUERY. */
    public static SoqlStatement parse(String soql) {
        return new SoqlStatement(soql, SoqlParser.parse(soql));
    }

    /**
     * Inline SOQL from Apex: binds ({@code :expr}, values supplied through {@link QueryOptions#withBinds}) and
     * {@code WITH USER_MODE|SYSTEM_MODE} are accepted here only; {@link #parse} keeps refusing them as the API does.
     */
    public static ApexSoql parseApex(String soql) {
        SoqlParser.ApexParse p = SoqlParser.parseApex(soql);
        return new ApexSoql(new SoqlStatement(soql, p.query()), p.mode(), p.binds());
    }

    /** Semantic checks (INVALID_TYPE, INVALID_FIELD, ...) and evaluation; throws {@link SoqlException}. */
    public static QueryResult execute(SoqlStatement s, SoqlSource src, QueryOptions o) {
        return new Executor(s.text(), src, o == null ? QueryOptions.defaults() : o).run(s.query());
    }

    /** Parse and execute in one call. */
    public static QueryResult query(String soql, SoqlSource src, QueryOptions o) {
        return execute(parse(soql), src, o);
    }
}
