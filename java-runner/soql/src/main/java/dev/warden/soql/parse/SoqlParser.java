package dev.warden.soql.parse;

import dev.warden.soql.SoqlException;
import dev.warden.soql.ast.AggregateFunction;
import dev.warden.soql.ast.Condition;
import dev.warden.soql.ast.DateFormulaKind;
import dev.warden.soql.ast.FieldPath;
import dev.warden.soql.ast.Operator;
import dev.warden.soql.ast.OrderItem;
import dev.warden.soql.ast.Pos;
import dev.warden.soql.ast.Query;
import dev.warden.soql.ast.SelectItem;
import dev.warden.soql.ast.Value;
import io.github.apexdevtools.apexparser.ApexLexer;
import io.github.apexdevtools.apexparser.ApexParser;
import io.github.apexdevtools.apexparser.CaseInsensitiveInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Parses SOQL with apex-parser's ANTLR grammar (the {@code query} rule Apex uses inside {@code [ ... ]}) and turns
 * the parse tree into the small AST of {@link dev.warden.soql.ast}. Syntax errors become MALFORMED_QUERY with
 * Salesforce's "unexpected token: 'X'" wording at the offending token.
 */
public final class SoqlParser {
    /** Words Salesforce reserves: never an alias, so a query that only parses with one as an alias is malformed. */
    private static final Set<String> RESERVED = Set.of(
            "AND",
            "ASC",
            "DESC",
            "EXCLUDES",
            "FIRST",
            "FROM",
            "GROUP",
            "HAVING",
            "IN",
            "INCLUDES",
            "LAST",
            "LIKE",
            "LIMIT",
            "NOT",
            "NULL",
            "NULLS",
            "OR",
            "SELECT",
            "WHERE",
            "WITH",
            "ORDER",
            "OFFSET",
            "BY");

    /** Words that never name a field, though the grammar lets them ("SELECT Id, FROM User" parses FROM as a field). */
    private static final Set<String> NEVER_FIELDS = Set.of(
            "SELECT",
            "FROM",
            "WHERE",
            "AND",
            "OR",
            "NOT",
            "LIKE",
            "IN",
            "NULL",
            "LIMIT",
            "WITH",
            "HAVING",
            "INCLUDES",
            "EXCLUDES",
            "ASC",
            "DESC",
            "NULLS");

    private final String soql;
    /** The query as written; the lexer reads a copy with LIKE escapes masked (see {@link #maskLikeEscapes}). */
    private final CharStream original;

    /** Apex's inline form: binds and WITH USER_MODE/SYSTEM_MODE allowed. */
    private final boolean apex;

    private final List<ApexParser.BoundExpressionContext> binds = new ArrayList<>();
    private String mode;

    private SoqlParser(String soql, boolean apex) {
        this.soql = soql;
        this.original = CharStreams.fromString(soql);
        this.apex = apex;
    }

    /** An inline Apex query: its AST, access mode (or null) and bind count. */
    public record ApexParse(Query query, String mode, int binds) {}

    /** Parses a query written inside Apex brackets (or given to Database.query); throws MALFORMED_QUERY. */
    public static ApexParse parseApex(String soql) {
        if (soql == null || soql.isBlank()) {
            throw new SoqlException("MALFORMED_QUERY", "unexpected token: '<EOF>'");
        }
        SoqlParser p = new SoqlParser(soql, true);
        Query q = p.run();
        return new ApexParse(q, p.mode, p.binds.size());
    }

    private static void collectBinds(ParseTree node, List<ApexParser.BoundExpressionContext> out) {
        if (node instanceof ApexParser.BoundExpressionContext b) {
            out.add(b);
            return;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            collectBinds(node.getChild(i), out);
        }
    }

    /** Parses one SELECT statement; throws {@link SoqlException} MALFORMED_QUERY on syntax errors. */
    public static Query parse(String soql) {
        if (soql == null || soql.isBlank()) {
            throw new SoqlException("MALFORMED_QUERY", "unexpected token: '<EOF>'");
        }
        return new SoqlParser(soql, false).run();
    }

    private Query run() {
        FirstError firstError = new FirstError();
        ApexLexer lexer = new ApexLexer(new CaseInsensitiveInputStream(CharStreams.fromString(maskLikeEscapes(soql))));
        lexer.removeErrorListeners();
        lexer.addErrorListener(firstError);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        ApexParser parser = new ApexParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(firstError);
        ApexParser.QueryContext tree = parser.query();
        if (tokens.LA(1) != Token.EOF) {
            firstError.record(tokens.LT(1));
        }
        Token error = earliest(firstError.token, acceptedButIllegal(tree, tokens));
        if (error != null) {
            if (error.getType() == Token.INVALID_TYPE && text(error).equals("'")) {
                checkStringLiteralAt(error);
            }
            throw unexpected(error);
        }
        if (apex) {
            collectBinds(tree, binds);
        }
        return query(tree);
    }

    /**
     * What the grammar accepts but Salesforce does not. Aliases are legal only on aggregates (and the FROM object), so
     * "SELECT Id FORM User" (FORM parsed as an alias) reports FORM as the unexpected token; a reserved word taken as an
     * alias means the clause it starts is incomplete, reported at the token after it; a reserved word taken as a field
     * name ("SELECT Id, FROM User") is itself unexpected.
     */
    private static Token acceptedButIllegal(ParseTree node, CommonTokenStream tokens) {
        Token found = null;
        if (node instanceof ApexParser.SelectEntryContext entry) {
            found = selectEntryError(
                    entry.fieldName(),
                    entry.soqlFunction(),
                    entry.typeOf(),
                    groupedFieldAlias(entry) ? null : entry.soqlId(),
                    tokens);
        } else if (node instanceof ApexParser.SubFieldEntryContext entry) {
            found = selectEntryError(entry.fieldName(), entry.soqlFunction(), entry.typeOf(), entry.soqlId(), tokens);
        } else if (node instanceof ApexParser.FromNameListContext from) {
            for (ApexParser.SoqlIdContext alias : from.soqlId()) {
                if (isReserved(alias.getStart())) {
                    found = earliest(found, nextVisible(tokens, alias.getStop()));
                }
            }
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            found = earliest(found, acceptedButIllegal(node.getChild(i), tokens));
        }
        return found;
    }

    /** Salesforce lets a grouped field carry an alias in an aggregate query (SELECT Type t, COUNT(Id) ... GROUP BY). */
    private static boolean groupedFieldAlias(ApexParser.SelectEntryContext entry) {
        return entry.fieldName() != null
                && entry.soqlId() != null
                && !isReserved(entry.soqlId().getStart())
                && entry.getParent() != null
                && entry.getParent().getParent() instanceof ApexParser.QueryContext q
                && q.groupByClause() != null;
    }

    private static Token selectEntryError(
            ApexParser.FieldNameContext field,
            ApexParser.SoqlFunctionContext function,
            ApexParser.TypeOfContext typeOf,
            ApexParser.SoqlIdContext alias,
            CommonTokenStream tokens) {
        Token found = null;
        if (field != null) {
            for (ApexParser.SoqlIdContext part : field.soqlId()) {
                Token t = part.getStart();
                if (t != null && NEVER_FIELDS.contains(t.getText().toUpperCase(Locale.ROOT))) {
                    found = earliest(found, t);
                }
            }
        }
        if (alias != null && typeOf == null && alias.getStart() != null) {
            if (isReserved(alias.getStart())) {
                found = earliest(found, nextVisible(tokens, alias.getStop()));
            } else if (function == null) {
                found = earliest(found, alias.getStart());
            }
        }
        return found;
    }

    private static Token nextVisible(CommonTokenStream tokens, Token after) {
        for (int i = after.getTokenIndex() + 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                return t;
            }
        }
        return tokens.get(tokens.size() - 1);
    }

    private static boolean isReserved(Token token) {
        return token != null && RESERVED.contains(token.getText().toUpperCase(Locale.ROOT));
    }

    private static Token earliest(Token a, Token b) {
        if (a == null || b == null || b.getStartIndex() < 0) {
            return a == null ? b : a;
        }
        if (a.getStartIndex() < 0) {
            return b;
        }
        return b.getStartIndex() < a.getStartIndex() ? b : a;
    }

    private SoqlException unexpected(Token token) {
        String text = token.getType() == Token.EOF ? "<EOF>" : text(token);
        return error("MALFORMED_QUERY", token, "unexpected token: '" + text + "'");
    }

    private SoqlException error(String code, Token at, String detail) {
        return SoqlException.at(code, soql, at.getLine(), at.getCharPositionInLine() + 1, detail);
    }

    private SoqlException unsupported(ParserRuleContext ctx, String what) {
        return error("MALFORMED_QUERY", ctx.getStart(), what + " is not supported by this SOQL engine");
    }

    private String text(int start, int stop) {
        return original.getText(Interval.of(start, stop));
    }

    private String text(Token t) {
        return t.getStartIndex() >= 0 && t.getStopIndex() >= t.getStartIndex() && t.getType() != Token.INVALID_TYPE
                ? text(t.getStartIndex(), t.getStopIndex())
                : t.getText();
    }

    /**
     * Apex string literals know no {@code \%} or {@code \_}, which SOQL LIKE uses for literal wildcards. The lexer
     * reads a copy where they read {@code \b} (same length, so positions hold); literal values are then decoded from
     * the original text.
     */
    static String maskLikeEscapes(String soql) {
        StringBuilder out = new StringBuilder(soql);
        boolean inString = false;
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (!inString) {
                inString = c == '\'';
            } else if (c == '\\' && i + 1 < out.length()) {
                char next = out.charAt(i + 1);
                if (next == '%' || next == '_') {
                    out.setCharAt(i + 1, 'b');
                }
                i++;
            } else if (c == '\'') {
                inString = false;
            }
        }
        return out.toString();
    }

    private static Pos pos(Token t) {
        return new Pos(t.getLine(), t.getCharPositionInLine() + 1);
    }

    // ---- tree -> AST

    private Query query(ApexParser.QueryContext q) {
        if (q.usingScope() != null) {
            throw unsupported(q.usingScope(), "USING SCOPE");
        }
        if (q.withClause() != null) {
            if (apex && (q.withClause().USER_MODE() != null || q.withClause().SYSTEM_MODE() != null)) {
                mode = q.withClause().USER_MODE() != null ? "USER_MODE" : "SYSTEM_MODE";
            } else {
                throw unsupported(q.withClause(), "WITH");
            }
        }
        if (q.forClauses() != null && q.forClauses().getChildCount() > 0) {
            throw unsupported(q.forClauses(), "FOR VIEW/UPDATE/REFERENCE");
        }
        if (q.UPDATE() != null) {
            throw unsupported(q.updateList(), "UPDATE TRACKING/VIEWSTAT");
        }
        List<SelectItem> select = new ArrayList<>();
        for (ApexParser.SelectEntryContext e : q.selectList().selectEntry()) {
            SelectItem item = selectEntry(e.fieldName(), e.soqlFunction(), e.subQuery(), e.typeOf(), e.soqlId(), e);
            if (item instanceof SelectItem.Field f && groupedFieldAlias(e)) {
                item = new SelectItem.Field(f.path(), e.soqlId().getText());
            }
            select.add(item);
        }
        return finish(
                select,
                q.fromNameList(),
                q.whereClause(),
                q.groupByClause(),
                q.orderByClause(),
                q.limitClause(),
                q.offsetClause(),
                q.allRowsClause() != null);
    }

    private Query subQuery(ApexParser.SubQueryContext q) {
        if (q.forClauses() != null && q.forClauses().getChildCount() > 0) {
            throw unsupported(q.forClauses(), "FOR VIEW/UPDATE/REFERENCE");
        }
        if (q.UPDATE() != null) {
            throw unsupported(q.updateList(), "UPDATE TRACKING/VIEWSTAT");
        }
        List<SelectItem> select = new ArrayList<>();
        for (ApexParser.SubFieldEntryContext e : q.subFieldList().subFieldEntry()) {
            select.add(selectEntry(e.fieldName(), e.soqlFunction(), e.subQuery(), e.typeOf(), e.soqlId(), e));
        }
        subQueryDepth++;
        try {
            return finish(
                    select, q.fromNameList(), q.whereClause(), null, q.orderByClause(), q.limitClause(), null, false);
        } finally {
            subQueryDepth--;
        }
    }

    /** Inside a child subquery, FROM may name the relationship through the parent: {@code FROM Account.Contacts}. */
    private int subQueryDepth;

    private Query finish(
            List<SelectItem> select,
            ApexParser.FromNameListContext from,
            ApexParser.WhereClauseContext where,
            ApexParser.GroupByClauseContext groupBy,
            ApexParser.OrderByClauseContext orderBy,
            ApexParser.LimitClauseContext limit,
            ApexParser.OffsetClauseContext offset,
            boolean allRows) {
        if (from.fieldName().size() > 1) {
            throw error("MALFORMED_QUERY", from.COMMA(0).getSymbol(), "unexpected token: ','");
        }
        FieldPath fromPath = fieldPath(from.fieldName(0));
        if (subQueryDepth > 0 && fromPath.parts().size() == 2) {
            // kept as "Parent.Children"; the executor checks Parent against the outer object or its alias
            fromPath = new FieldPath(List.of(String.join(".", fromPath.parts())), fromPath.pos());
        }
        if (fromPath.parts().size() > 1) {
            throw error("MALFORMED_QUERY", from.fieldName(0).DOT(0).getSymbol(), "unexpected token: '.'");
        }
        String alias = from.soqlId().isEmpty() ? null : from.soqlId(0).getText();
        Condition condition = where == null ? null : logical(where.whereLogicalExpression());
        List<FieldPath> groups = new ArrayList<>();
        if (groupBy != null) {
            if (groupBy.ROLLUP() != null || groupBy.CUBE() != null) {
                throw unsupported(groupBy, "GROUP BY ROLLUP/CUBE");
            }
            for (ApexParser.FieldGroupByContext g : groupBy.fieldGroupByList().fieldGroupBy()) {
                if (g.fieldName() == null) {
                    throw unsupported(g, "GROUP BY on a function");
                }
                groups.add(fieldPath(g.fieldName()));
            }
        }
        Condition having = groupBy == null || groupBy.HAVING() == null ? null : having(groupBy.logicalExpression());
        List<OrderItem> order = new ArrayList<>();
        if (orderBy != null) {
            for (ApexParser.FieldOrderContext o : orderBy.fieldOrderList().fieldOrder()) {
                Boolean nullsFirst = o.NULLS() == null ? null : o.FIRST() != null;
                if (o.fieldName() != null) {
                    order.add(new OrderItem(fieldPath(o.fieldName()), o.DESC() != null, nullsFirst));
                } else {
                    SelectItem.Aggregate function = aggregate(o.soqlFunction());
                    order.add(new OrderItem(function.path(), o.DESC() != null, nullsFirst, function));
                }
            }
        }
        return new Query(
                select,
                fromPath.parts().get(0),
                alias,
                fromPath.pos(),
                condition,
                groups,
                having,
                order,
                limit == null ? null : integerClause(limit.IntegerLiteral(), limit),
                offset == null ? null : integerClause(offset.IntegerLiteral(), offset),
                allRows);
    }

    private Integer integerClause(TerminalNode literal, ParserRuleContext clause) {
        if (literal == null
                && apex
                && clause.getChild(ParserRuleContext.class, 0) instanceof ApexParser.BoundExpressionContext) {
            throw unsupported(clause, "A bind in LIMIT or OFFSET");
        }
        if (literal == null) {
            throw unexpected(clause.getChild(ParserRuleContext.class, 0).getStart());
        }
        String text = stripIntegerSuffix(literal.getText());
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw error("MALFORMED_QUERY", literal.getSymbol(), "unexpected token: '" + literal.getText() + "'");
        }
    }

    private SelectItem selectEntry(
            ApexParser.FieldNameContext field,
            ApexParser.SoqlFunctionContext function,
            ApexParser.SubQueryContext sub,
            ApexParser.TypeOfContext typeOf,
            ApexParser.SoqlIdContext alias,
            ParserRuleContext entry) {
        if (field != null) {
            return new SelectItem.Field(fieldPath(field));
        }
        if (function != null) {
            return function(function, alias == null ? null : alias.getText());
        }
        if (sub != null) {
            return new SelectItem.SubQuery(subQuery(sub), pos(entry.getStart()));
        }
        throw unsupported(typeOf, "TYPEOF");
    }

    private SelectItem function(ApexParser.SoqlFunctionContext f, String alias) {
        Pos pos = pos(f.getStart());
        String text = text(f.getStart().getStartIndex(), f.getStop().getStopIndex());
        AggregateFunction fn;
        if (f.COUNT() != null) {
            if (f.fieldName() == null) {
                return new SelectItem.CountAll(pos);
            }
            fn = AggregateFunction.COUNT;
        } else if (f.COUNT_DISTINCT() != null) {
            fn = AggregateFunction.COUNT_DISTINCT;
        } else if (f.MIN() != null) {
            fn = AggregateFunction.MIN;
        } else if (f.MAX() != null) {
            fn = AggregateFunction.MAX;
        } else if (f.SUM() != null) {
            fn = AggregateFunction.SUM;
        } else if (f.AVG() != null) {
            fn = AggregateFunction.AVG;
        } else if (f.FIELDS() != null) {
            return new SelectItem.Fields(f.soqlFieldsParameter().getText().toUpperCase(Locale.ROOT), pos);
        } else {
            throw unsupported(f, f.getStart().getText() + "()");
        }
        return new SelectItem.Aggregate(fn, fieldPath(f.fieldName()), alias, text, pos);
    }

    /** An aggregate function where only aggregates may stand (HAVING, ORDER BY). */
    private SelectItem.Aggregate aggregate(ApexParser.SoqlFunctionContext f) {
        SelectItem item = function(f, null);
        if (item instanceof SelectItem.Aggregate a) {
            return a;
        }
        throw unsupported(f, "COUNT() here");
    }

    private Condition having(ApexParser.LogicalExpressionContext e) {
        List<Condition> operands = new ArrayList<>();
        for (ApexParser.ConditionalExpressionContext c : e.conditionalExpression()) {
            operands.add(
                    c.logicalExpression() != null ? having(c.logicalExpression()) : havingLeaf(c.fieldExpression()));
        }
        if (e.NOT() != null) {
            return new Condition.Not(operands.get(0));
        }
        if (operands.size() == 1) {
            return operands.get(0);
        }
        return e.SOQLOR().isEmpty() ? new Condition.And(operands) : new Condition.Or(operands);
    }

    private Condition havingLeaf(ApexParser.FieldExpressionContext fe) {
        Operator op = operator(fe.comparisonOperator());
        if (fe.fieldName() != null) {
            FieldPath field = fieldPath(fe.fieldName());
            return new Condition.Comparison(field, op, value(fe.value()), field.pos());
        }
        if (fe.soqlFunction() == null) {
            throw unsupported(fe, "FORMULA");
        }
        SelectItem.Aggregate function = aggregate(fe.soqlFunction());
        return new Condition.AggregateComparison(function, op, value(fe.value()), function.pos());
    }

    private static FieldPath fieldPath(ApexParser.FieldNameContext f) {
        List<String> parts = new ArrayList<>();
        for (ApexParser.SoqlIdContext id : f.soqlId()) {
            parts.add(id.getText());
        }
        return new FieldPath(parts, pos(f.getStart()));
    }

    private Condition logical(ApexParser.WhereLogicalExpressionContext e) {
        List<Condition> operands = new ArrayList<>();
        for (ApexParser.WhereConditionalExpressionContext c : e.whereConditionalExpression()) {
            operands.add(conditional(c));
        }
        if (e.NOT() != null) {
            return new Condition.Not(operands.get(0));
        }
        if (operands.size() == 1) {
            return operands.get(0);
        }
        return e.SOQLOR().isEmpty() ? new Condition.And(operands) : new Condition.Or(operands);
    }

    private Condition conditional(ApexParser.WhereConditionalExpressionContext c) {
        if (c.whereLogicalExpression() != null) {
            return logical(c.whereLogicalExpression());
        }
        ApexParser.WhereFieldExpressionContext w = c.whereFieldExpression();
        if (w.fieldExpression() == null) {
            throw unsupported(w, "FORMULA");
        }
        ApexParser.FieldExpressionContext fe = w.fieldExpression();
        if (fe.fieldName() == null) {
            throw unsupported(fe, "A function in WHERE");
        }
        FieldPath field = fieldPath(fe.fieldName());
        Operator op = operator(fe.comparisonOperator());
        return new Condition.Comparison(field, op, value(fe.value()), field.pos());
    }

    private static Operator operator(ApexParser.ComparisonOperatorContext o) {
        if (o.ASSIGN() != null) {
            return o.LT() != null ? Operator.LE : o.GT() != null ? Operator.GE : Operator.EQ;
        }
        if (o.NOTEQUAL() != null || o.LESSANDGREATER() != null) {
            return Operator.NE;
        }
        if (o.LT() != null) {
            return Operator.LT;
        }
        if (o.GT() != null) {
            return Operator.GT;
        }
        if (o.LIKE() != null) {
            return Operator.LIKE;
        }
        if (o.IN() != null) {
            return o.NOT() != null ? Operator.NOT_IN : Operator.IN;
        }
        return o.INCLUDES() != null ? Operator.INCLUDES : Operator.EXCLUDES;
    }

    private Value value(ApexParser.ValueContext v) {
        Pos pos = pos(v.getStart());
        if (v.NULL() != null) {
            return new Value.Null(pos);
        }
        if (v.BooleanLiteral() != null) {
            return new Value.Bool(v.BooleanLiteral().getText().equalsIgnoreCase("true"), pos);
        }
        if (v.signedNumber() != null) {
            return number(v.signedNumber(), pos);
        }
        if (v.StringLiteral() != null) {
            return string(v.StringLiteral().getSymbol());
        }
        if (v.DateLiteral() != null) {
            return date(v.DateLiteral().getSymbol());
        }
        if (v.DateTimeLiteral() != null) {
            return dateTime(v.DateTimeLiteral().getSymbol());
        }
        if (v.dateFormula() != null) {
            return dateFormula(v.dateFormula(), pos);
        }
        if (v.subQuery() != null) {
            return new Value.SubQuery(subQuery(v.subQuery()), pos(v.subQuery().getStart()));
        }
        if (v.valueList() != null) {
            List<Value> values = new ArrayList<>();
            for (ApexParser.ValueContext item : v.valueList().value()) {
                if (item.valueList() != null || item.subQuery() != null) {
                    throw unexpected(item.getStart());
                }
                values.add(value(item));
            }
            return new Value.ValueList(values, pos);
        }
        if (v.boundExpression() != null) {
            if (!apex) {
                throw unexpected(v.getStart());
            }
            ApexParser.BoundExpressionContext b = v.boundExpression();
            return new Value.Bind(
                    binds.indexOf(b),
                    text(
                            b.expression().getStart().getStartIndex(),
                            b.expression().getStop().getStopIndex()),
                    pos);
        }
        if (v.TimeLiteral() != null) {
            throw unsupported(v, "A time literal");
        }
        throw unsupported(v, "A currency literal");
    }

    private Value number(ApexParser.SignedNumberContext n, Pos pos) {
        TerminalNode literal = n.IntegerLiteral() != null ? n.IntegerLiteral() : n.NumberLiteral();
        String digits = literal.getText();
        char last = Character.toLowerCase(digits.charAt(digits.length() - 1));
        if (last == 'l' || last == 'd') {
            throw unexpected(literal.getSymbol());
        }
        String text = (n.SUB() != null ? "-" : "") + digits;
        return new Value.Num(new BigDecimal(text), n.getText(), pos);
    }

    private Value string(Token token) {
        String quoted = text(token);
        String raw = quoted.substring(1, quoted.length() - 1);
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
            i++;
            switch (next) {
                case 'n', 'N' -> out.append('\n');
                case 'r', 'R' -> out.append('\r');
                case 't', 'T' -> out.append('\t');
                case 'b', 'B' -> out.append('\b');
                case 'f', 'F' -> out.append('\f');
                case '"', '\'', '\\', '_', '%' -> out.append(next);
                case 'u', 'U' -> {
                    if (i + 4 < raw.length()
                            && raw.substring(i + 1, i + 5).chars().allMatch(SoqlParser::isHex)) {
                        out.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
                        i += 4;
                    } else {
                        throw badEscape(token, quoted, "\\" + next);
                    }
                }
                default -> throw badEscape(token, quoted, "\\" + next);
            }
        }
        return new Value.Str(out.toString(), raw, pos(token));
    }

    /** The lexer refuses a string with an escape SOQL does not know; Salesforce names the bad sequence. */
    private void checkStringLiteralAt(Token quote) {
        String rest = text(quote.getStartIndex(), original.size() - 1);
        for (int i = 1; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '\\' && i + 1 < rest.length()) {
                i++;
                continue;
            }
            if (c == '\'') {
                CommonToken literal = new CommonToken(Token.INVALID_TYPE, rest.substring(0, i + 1));
                literal.setLine(quote.getLine());
                literal.setCharPositionInLine(quote.getCharPositionInLine());
                string(literal);
                return;
            }
        }
    }

    private SoqlException badEscape(Token token, String quoted, String sequence) {
        return error(
                "MALFORMED_QUERY",
                token,
                "Invalid string literal " + quoted + ". Illegal character sequence '" + sequence
                        + "' in string literal.");
    }

    private static boolean isHex(int c) {
        return Character.digit(c, 16) >= 0;
    }

    private Value date(Token token) {
        try {
            return new Value.Date(LocalDate.parse(token.getText()), token.getText(), pos(token));
        } catch (DateTimeParseException e) {
            throw unexpected(token);
        }
    }

    private Value dateTime(Token token) {
        String text = token.getText();
        try {
            // the lexer also takes +hhmm offsets (2026-11-23T10:00:00+0000), java.time wants +hh:mm
            String iso = text.toUpperCase(Locale.ROOT).replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2");
            Instant instant = OffsetDateTime.parse(iso).toInstant();
            return new Value.DateTime(instant, text, pos(token));
        } catch (DateTimeParseException e) {
            throw unexpected(token);
        }
    }

    private Value dateFormula(ApexParser.DateFormulaContext f, Pos pos) {
        DateFormulaKind kind = DateFormulaKind.fromToken(f.getStart().getText());
        int n = 0;
        if (f.signedInteger() != null) {
            n = Integer.parseInt(stripIntegerSuffix(f.signedInteger().getText()));
        }
        return new Value.DateFormula(
                kind, n, text(f.getStart().getStartIndex(), f.getStop().getStopIndex()), pos);
    }

    private static String stripIntegerSuffix(String text) {
        char last = text.charAt(text.length() - 1);
        return last == 'l' || last == 'L' ? text.substring(0, text.length() - 1) : text;
    }

    /** Keeps the earliest error from the lexer or the parser: Salesforce reports one. */
    private static final class FirstError extends BaseErrorListener {
        Token token;

        void record(Token t) {
            token = earliest(token, t);
        }

        @Override
        public void syntaxError(
                Recognizer<?, ?> recognizer,
                Object offendingSymbol,
                int line,
                int column,
                String msg,
                RecognitionException e) {
            if (offendingSymbol instanceof Token t) {
                record(t);
            } else if (recognizer instanceof Lexer lexer) {
                int start = lexer._tokenStartCharIndex;
                int end = Math.max(start, lexer._input.index());
                String text = lexer._input.getText(Interval.of(start, end));
                CommonToken bad = new CommonToken(Token.INVALID_TYPE, text.isEmpty() ? " " : text.substring(0, 1));
                bad.setLine(line);
                bad.setCharPositionInLine(column);
                bad.setStartIndex(start);
                bad.setStopIndex(start);
                record(bad);
            }
        }
    }
}
