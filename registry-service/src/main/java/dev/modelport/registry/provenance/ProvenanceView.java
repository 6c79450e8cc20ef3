package dev.modelport.registry.provenance;

import java.util.List;

/**
 * The computed provenance of a version and its evidence: every ancestor with its owner and the licences under which
 * it entered the lineage. {@code settled} is false for a draft, whose licences are fixed only at publication.
 * Ancestors the caller may not read are listed with their owner only ({@code version} is null).
 */
public record ProvenanceView(String version, String owner, ProvenanceClass provenanceClass, boolean settled,
                             List<Ancestor> ancestors, ClaimView claim, List<FindingNote> findings) {

    public ProvenanceView {
        ancestors = List.copyOf(ancestors);
        findings = List.copyOf(findings);
    }

    public record Ancestor(String version, String owner, boolean foreign, List<LicenceUse> licences) {
        public Ancestor {
            licences = List.copyOf(licences);
        }
    }

    /** A licence under which an ancestor was used; {@code entitlement} is null while the child is a draft. */
    public record LicenceUse(String entitlement, String grantor, String offer, String spdxId, String licenceTextDigest,
                             boolean open) {
    }

    /** {@code suspendedAt} is set when a regulator confirmed a finding that contradicts the claim. */
    public record ClaimView(ProvenanceClass claim, String statement, String claimedAt, String suspendedAt,
                            String suspendedReason) {
    }

    /**
     * A weight-fingerprint finding: this version's weights closely match {@code matchedVersion}, which its declared
     * lineage does not contain. {@code status} is OPEN, CONFIRMED or DISMISSED.
     */
    public record FindingNote(String id, String status, String matchedVersion, String matchedOwner, double score,
                              String createdAt) {

        public boolean contradictsSelfDeveloped() {
            return !"DISMISSED".equals(status);
        }
    }
}
