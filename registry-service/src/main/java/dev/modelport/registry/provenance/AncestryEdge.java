package dev.modelport.registry.provenance;

/**
 * One edge of a version's ancestry with both ends' owners and, when the parent belongs to another organisation, the
 * licence it was used under (set at publication; null for own parents and for drafts).
 */
public record AncestryEdge(String child, String childOwner, String parent, String parentOwner, Relation relation,
                           String entitlement, String spdxId, String licenceDigest) {
}
