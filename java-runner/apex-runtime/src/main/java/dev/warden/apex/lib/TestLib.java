package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.exec.Limits;
import java.util.List;
import java.util.Set;

/** Test: startTest/stopTest (a fresh limit context between them), isRunningTest. */
final class TestLib implements Builtin {
    @Override
    public String name() {
        return "Test";
    }

    @Override
    public Set<String> statics() {
        // setMock, loadData, getEventBus, ... are not implemented: compiling code that calls them fails
        return Set.of("starttest", "stoptest", "isrunningtest", "createstub", "setmock");
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        switch (m) {
            case "isrunningtest":
                return f.tx.runningTest;
            case "setmock":
                return HttpLib.setMock(f, Args.arg(a, 0), Args.arg(a, 1));
            case "createstub": {
                if (!(Args.arg(a, 0) instanceof TypeLib.TypeToken t) || t.type().cls() == null) {
                    throw Errors.unsupported("Test.createStub of a type that is not an Apex class or interface", f);
                }
                if (!(Args.arg(a, 1) instanceof dev.warden.apex.value.ApexObject provider)) {
                    throw Errors.npe(f);
                }
                return dev.warden.apex.exec.Stubs.create(f, t.type().cls(), provider);
            }
            case "starttest":
                if (!f.tx.runningTest) {
                    throw Errors.unsupported("Test.startTest outside a test", f);
                }
                if (f.tx.startTestUsed) {
                    // UNCONFIRMED wording
                    throw Errors.apex(f, "FinalException", "Testing already started");
                }
                f.tx.startTestUsed = true;
                f.tx.inStartTest = true;
                f.tx.outerLimits = f.tx.limits;
                f.tx.limits = new Limits();
                f.tx.resetCpu();
                return null;
            case "stoptest":
                if (f.tx.inStartTest) {
                    // queued async work (@future, Queueable) runs now, inside the fresh limit context
                    f.tx.runAsync();
                    f.tx.inStartTest = false;
                    f.tx.limits = f.tx.outerLimits;
                }
                return null;
            default:
                throw Errors.unsupported("Test." + m, f);
        }
    }
}
