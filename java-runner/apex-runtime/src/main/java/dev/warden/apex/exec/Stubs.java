package dev.warden.apex.exec;

import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.link.MethodInfo;
import dev.warden.apex.lower.TypeRef;
import dev.warden.apex.value.ApexList;
import dev.warden.apex.value.ApexObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Stub API: {@code Test.createStub(Type, StubProvider)} answers an instance of the class or interface whose
 * instance method calls all go to the provider's {@code handleMethodCall(stubbedObject, stubbedMethodName,
 * returnType, listOfParamTypes, listOfParamNames, listOfArgs)}. No constructor or initialiser of the stubbed type
 * runs.
 */
public final class Stubs {
    private static final String PROVIDER = "stub.provider";

    private Stubs() {}

    /** A stub of {@code type} answered by {@code provider}. */
    public static ApexObject create(Frame f, ClassInfo type, ApexObject provider) {
        if (type.platform) {
            throw Errors.unsupported("Test.createStub of the platform type " + type.name(), f);
        }
        ApexObject stub = new ApexObject(type);
        stub.state.put(PROVIDER, provider);
        return stub;
    }

    public static boolean isStub(Object o) {
        return o instanceof ApexObject a && a.state.get(PROVIDER) != null;
    }

    /** An instance method call on a stub, handed to its provider. */
    public static Object call(Frame f, ApexObject stub, String name, Object[] args) {
        ApexObject provider = (ApexObject) stub.state.get(PROVIDER);
        MethodInfo declared = declared(f, stub.type, name, args);
        Types types = f.tx.program.types;
        RType ret = declared.decl.returnType() == null
                ? RType.simple(RType.Kind.VOID, "void")
                : types.resolve(declared.decl.returnType(), declared.owner);
        List<Object> paramTypes = new ArrayList<>();
        List<Object> paramNames = new ArrayList<>();
        for (var p : declared.decl.params()) {
            paramTypes.add(new dev.warden.apex.lib.TypeLib.TypeToken(types.resolve(p.type(), declared.owner)));
            paramNames.add(p.name());
        }
        MethodInfo handler = Invoker.virtualTarget(f, provider, "handleMethodCall", 6, new Object[6]);
        if (handler == null) {
            throw Errors.unsupported("a StubProvider without handleMethodCall (" + provider.type.name() + ")", f);
        }
        Object answer = Invoker.invoke(f, handler, provider, new Object[] {
            stub,
            declared.name(),
            new dev.warden.apex.lib.TypeLib.TypeToken(ret),
            new ApexList(TypeRef.of("Type", null), paramTypes),
            new ApexList(TypeRef.of("String", null), paramNames),
            new ApexList(TypeRef.of("Object", null), new ArrayList<>(Arrays.asList(args)))
        });
        return ret.kind() == RType.Kind.VOID ? null : Types.coerce(f, answer, ret);
    }

    private static MethodInfo declared(Frame f, ClassInfo type, String name, Object[] args) {
        List<MethodInfo> found = new ArrayList<>();
        for (MethodInfo m : type.findMethods(name)) {
            if (m.arity() == args.length && !m.isStatic()) {
                found.add(m);
            }
        }
        if (found.isEmpty()) {
            throw Errors.unsupported(
                    "stubbed call of " + type.name() + "." + name + " with " + args.length
                            + " arguments (no such instance method)",
                    f);
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        // overloads: the first whose parameter types fit the arguments' run-time types
        for (MethodInfo m : found) {
            boolean fits = true;
            for (int i = 0; i < args.length && fits; i++) {
                fits = args[i] == null
                        || Types.isInstance(
                                args[i],
                                f.tx.program.types.resolve(
                                        m.decl.params().get(i).type(), m.owner));
            }
            if (fits) {
                return m;
            }
        }
        return found.get(0);
    }
}
