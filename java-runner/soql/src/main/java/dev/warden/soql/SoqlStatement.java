package dev.warden.soql;

import dev.warden.soql.ast.Query;

/** A syntactically valid SOQL statement: its text (for error positions) and its AST. */
public record SoqlStatement(String text, Query query) {}
