package dev.warden.apex.exec;

/** A compiled property accessor body and its frame size. */
record Accessor(Ex body, int frameSize, String stackName) {}
