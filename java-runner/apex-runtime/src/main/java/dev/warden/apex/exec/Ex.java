package dev.warden.apex.exec;

/** A compiled statement; answers how control leaves it. */
@FunctionalInterface
public interface Ex {
    int NORMAL = 0;
    int BREAK = 1;
    int CONTINUE = 2;
    int RETURN = 3;

    int exec(Frame f);
}
