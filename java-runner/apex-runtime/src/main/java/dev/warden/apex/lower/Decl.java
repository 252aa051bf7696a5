package dev.warden.apex.lower;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Declarations after lowering: types and their members. Modifiers are lower-cased words. */
public sealed interface Decl {
    Pos pos();

    /** {@code @IsTest(isParallel=true)}: name as written, parameters lower-cased to their written value text. */
    record Annotation(String name, Map<String, String> params) {
        public boolean is(String n) {
            return name.equalsIgnoreCase(n);
        }
    }

    record Param(TypeRef type, String name, Pos pos) {}

    record Field(Set<String> modifiers, List<Annotation> annotations, TypeRef type, String name, Expr init, Pos pos)
            implements Decl {}

    /** A method, or a constructor when {@code returnType} is null and {@code constructor} is true. Body null if abstract. */
    record Method(
            Set<String> modifiers,
            List<Annotation> annotations,
            TypeRef returnType,
            String name,
            List<Param> params,
            Stmt.Block body,
            boolean constructor,
            Pos pos)
            implements Decl {
        public Method {
            params = List.copyOf(params);
        }
    }

    /** {@code T name { get; set; }}: null blocks mean automatic accessors; absent accessors have has*=false. */
    record Property(
            Set<String> modifiers,
            List<Annotation> annotations,
            TypeRef type,
            String name,
            boolean hasGet,
            Stmt.Block getter,
            boolean hasSet,
            Stmt.Block setter,
            Pos pos)
            implements Decl {}

    record Initializer(boolean isStatic, Stmt.Block body, Pos pos) implements Decl {}

    enum Kind {
        CLASS,
        INTERFACE,
        ENUM,
        TRIGGER
    }

    /** A class, interface, enum or trigger; members in source order. */
    record Type(
            Kind kind,
            String name,
            Set<String> modifiers,
            List<Annotation> annotations,
            TypeRef superclass,
            List<TypeRef> interfaces,
            List<Decl> members,
            List<String> enumValues,
            TriggerInfo trigger,
            Pos pos)
            implements Decl {
        public Type {
            interfaces = List.copyOf(interfaces);
            members = List.copyOf(members);
            enumValues = List.copyOf(enumValues);
        }

        public boolean has(String modifier) {
            return modifiers.contains(modifier);
        }

        public Annotation annotation(String n) {
            for (Annotation a : annotations) {
                if (a.is(n)) {
                    return a;
                }
            }
            return null;
        }
    }

    /** A trigger's object and events ("before insert", "after update", ...). */
    record TriggerInfo(String objectName, List<String> events, Stmt.Block body) {}
}
