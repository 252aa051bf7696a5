package dev.warden.apex.exec;

/** A compiled expression with its static type when known (null = only known at run time). */
record C(Ev ev, RType type) {}
