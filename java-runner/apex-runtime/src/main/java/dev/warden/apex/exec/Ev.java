package dev.warden.apex.exec;

/** A compiled expression. */
@FunctionalInterface
public interface Ev {
    Object eval(Frame f);
}
