package dev.warden.localorg.model;

/** A parent's view of a lookup: {@code Account.Contacts} is (Contacts, Contact, AccountId). */
public record ChildRelationshipDef(String relationshipName, String childObject, String field) {}
