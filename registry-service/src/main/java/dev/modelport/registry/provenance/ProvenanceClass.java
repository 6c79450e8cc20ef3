package dev.modelport.registry.provenance;

/** Where a version came from, computed from its lineage and the licences recorded on it, never typed in. */
public enum ProvenanceClass {
    /** No ancestor belongs to another organisation. */
    SELF_DEVELOPED,
    /** Some ancestor of another organisation was used under a licence that is not an open (SPDX) licence. */
    DERIVED_FROM_LICENSED,
    /** Every ancestor of another organisation was used under an open licence with an SPDX id. */
    DERIVED_FROM_OPEN
}
