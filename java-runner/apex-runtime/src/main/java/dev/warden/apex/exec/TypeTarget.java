package dev.warden.apex.exec;

import dev.warden.apex.host.SObjectSchema;
import dev.warden.apex.link.ClassInfo;

/**
 * A name that denotes a type or namespace rather than a value: a user class, an SObject type, a platform type or
 * namespace (lower-cased key such as "string", "database", "schema.sobjecttype").
 */
record TypeTarget(ClassInfo cls, SObjectSchema sobject, String builtin) {}
