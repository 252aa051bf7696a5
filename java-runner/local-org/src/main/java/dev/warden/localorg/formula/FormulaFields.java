package dev.warden.localorg.formula;

/** What a formula may reference, for compiling: the formula type of a field path, null when it does not exist. */
@FunctionalInterface
public interface FormulaFields {
    FormulaType typeOf(String path);
}
