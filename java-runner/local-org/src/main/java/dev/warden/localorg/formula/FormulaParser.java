package dev.warden.localorg.formula;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser of the formula language. Precedence, loosest first: {@code ||}; {@code &&}; comparisons
 * ({@code = == != <> < > <= >=}); {@code + - &}; {@code * /}; unary {@code - + !}; {@code ^}; primaries (literals,
 * fields, calls, parentheses). Comments are {@code /* ... *}{@code /}. Syntax error wordings are UNCONFIRMED.
 */
final class FormulaParser {
    private record Token(Kind kind, String text) {}

    private enum Kind {
        NUMBER,
        STRING,
        NAME,
        OP,
        LPAREN,
        RPAREN,
        COMMA,
        END
    }

    private final List<Token> tokens;
    private int pos;

    private FormulaParser(String source) {
        this.tokens = lex(source);
    }

    static Expr parse(String source) {
        FormulaParser p = new FormulaParser(source);
        if (p.peek().kind == Kind.END) {
            throw new FormulaException("Syntax error. Formula is empty");
        }
        Expr e = p.or();
        Token rest = p.peek();
        if (rest.kind != Kind.END) {
            throw new FormulaException("Syntax error. Extra " + rest.text);
        }
        return e;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private boolean acceptOp(String... ops) {
        Token t = peek();
        if (t.kind == Kind.OP) {
            for (String op : ops) {
                if (t.text.equals(op)) {
                    pos++;
                    return true;
                }
            }
        }
        return false;
    }

    private Expr or() {
        Expr left = and();
        while (acceptOp("||")) {
            left = new Expr.Binary("||", left, and());
        }
        return left;
    }

    private Expr and() {
        Expr left = comparison();
        while (acceptOp("&&")) {
            left = new Expr.Binary("&&", left, comparison());
        }
        return left;
    }

    private Expr comparison() {
        Expr left = additive();
        while (peek().kind == Kind.OP
                && List.of("=", "==", "!=", "<>", "<", ">", "<=", ">=").contains(peek().text)) {
            String op = tokens.get(pos++).text;
            left = new Expr.Binary(op.equals("==") ? "=" : op.equals("!=") ? "<>" : op, left, additive());
        }
        return left;
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (peek().kind == Kind.OP && List.of("+", "-", "&").contains(peek().text)) {
            String op = tokens.get(pos++).text;
            left = new Expr.Binary(op, left, multiplicative());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (peek().kind == Kind.OP && List.of("*", "/").contains(peek().text)) {
            String op = tokens.get(pos++).text;
            left = new Expr.Binary(op, left, unary());
        }
        return left;
    }

    private Expr unary() {
        if (acceptOp("-")) {
            return new Expr.Unary("-", unary());
        }
        if (acceptOp("+")) {
            return unary();
        }
        if (acceptOp("!")) {
            return new Expr.Unary("!", unary());
        }
        return power();
    }

    private Expr power() {
        Expr base = primary();
        if (acceptOp("^")) {
            return new Expr.Binary("^", base, unary());
        }
        return base;
    }

    private Expr primary() {
        Token t = tokens.get(pos++);
        switch (t.kind) {
            case NUMBER:
                return new Expr.Literal(new BigDecimal(t.text), FormulaType.NUMBER);
            case STRING:
                return new Expr.Literal(t.text, FormulaType.TEXT);
            case LPAREN: {
                Expr inner = or();
                expect(Kind.RPAREN, "Syntax error. Missing ')'");
                return inner;
            }
            case NAME: {
                String upper = t.text.toUpperCase(Locale.ROOT);
                if (peek().kind == Kind.LPAREN) {
                    pos++;
                    List<Expr> args = new ArrayList<>();
                    if (peek().kind != Kind.RPAREN) {
                        args.add(or());
                        while (peek().kind == Kind.COMMA) {
                            pos++;
                            if (peek().kind == Kind.RPAREN || peek().kind == Kind.COMMA) {
                                throw new FormulaException("Syntax error. Extra ','");
                            }
                            args.add(or());
                        }
                    }
                    expect(Kind.RPAREN, "Syntax error. Missing ')'");
                    return new Expr.Call(upper, args);
                }
                return switch (upper) {
                    case "TRUE" -> new Expr.Literal(Boolean.TRUE, FormulaType.CHECKBOX);
                    case "FALSE" -> new Expr.Literal(Boolean.FALSE, FormulaType.CHECKBOX);
                    case "NULL" -> new Expr.Literal(null, FormulaType.NULL);
                    default -> new Expr.Field(t.text);
                };
            }
            case END:
                throw new FormulaException("Syntax error. Missing ')'");
            default:
                throw new FormulaException("Syntax error. Extra " + t.text);
        }
    }

    private void expect(Kind kind, String message) {
        if (peek().kind != kind) {
            throw new FormulaException(message);
        }
        pos++;
    }

    private static List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new FormulaException("Syntax error. Missing '*/'");
                }
                i = end + 2;
            } else if (c == '"' || c == '\'') {
                StringBuilder b = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= s.length()) {
                        throw new FormulaException("Syntax error. Missing " + c);
                    }
                    char d = s.charAt(j);
                    if (d == '\\' && j + 1 < s.length()) {
                        char e = s.charAt(j + 1);
                        b.append(
                                switch (e) {
                                    case 'n' -> '\n';
                                    case 'r' -> '\r';
                                    case 't' -> '\t';
                                    default -> e;
                                });
                        j += 2;
                    } else if (d == c) {
                        break;
                    } else {
                        b.append(d);
                        j++;
                    }
                }
                out.add(new Token(Kind.STRING, b.toString()));
                i = j + 1;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int j = i;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                String n = s.substring(i, j);
                if (n.indexOf('.') != n.lastIndexOf('.')) {
                    throw new FormulaException("Syntax error. Found '" + n + "'");
                }
                out.add(new Token(Kind.NUMBER, n));
                i = j;
            } else if (Character.isLetter(c) || c == '$' || c == '_') {
                int j = i + 1;
                while (j < s.length()
                        && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '.')) {
                    j++;
                }
                out.add(new Token(Kind.NAME, s.substring(i, j)));
                i = j;
            } else if (c == '(') {
                out.add(new Token(Kind.LPAREN, "("));
                i++;
            } else if (c == ')') {
                out.add(new Token(Kind.RPAREN, ")"));
                i++;
            } else if (c == ',') {
                out.add(new Token(Kind.COMMA, ","));
                i++;
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (List.of("==", "!=", "<>", "<=", ">=", "&&", "||").contains(two)) {
                    out.add(new Token(Kind.OP, two));
                    i += 2;
                } else if ("+-*/^&=<>!".indexOf(c) >= 0) {
                    out.add(new Token(Kind.OP, String.valueOf(c)));
                    i++;
                } else {
                    throw new FormulaException("Syntax error. Found '" + c + "'");
                }
            }
        }
        out.add(new Token(Kind.END, "end of formula"));
        return out;
    }
}
