package dev.warden.apex.exec;

/** A compiled method: body, frame size, parameter types, and a constructor's this(...)/super(...) call. */
record CompiledMethod(Ex body, int frameSize, RType[] paramTypes, Chain chain) {
    record Chain(boolean toThis, Ev[] args) {}
}
