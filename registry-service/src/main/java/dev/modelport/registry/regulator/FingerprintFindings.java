package dev.modelport.registry.regulator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where dossiers and the jurisdiction view read weight-fingerprint results and provenance findings of a version.
 * Implemented by the fingerprint feature; an empty answer is shown as "not available" rather than as "no
 * findings".
 */
public interface FingerprintFindings {

    /** The version's fingerprint report, or empty when no fingerprinting source is wired in. */
    Optional<Report> of(UUID versionId);

    /** Everything known about one version's weights: how they were fingerprinted and what the comparison found. */
    record Report(String source, List<Result> results, List<Finding> findings) {
        public Report {
            results = List.copyOf(results);
            findings = List.copyOf(findings);
        }
    }

    /**
     * One fingerprint: of which artifact or build ({@code subject}, a {@code sha256:<hex>} digest), by which
     * {@code method} (e.g. {@code tensor-sketch/v1}), the fingerprint value itself (e.g. its digest).
     */
    record Result(String subject, String method, String fingerprint, Instant computedAt) {
    }

    /**
     * A close match with a version outside the declared lineage. {@code status} is OPEN, CONFIRMED or DISMISSED;
     * {@code logIndex}, when set, is the signed statement of the regulator's decision in the transparency log (the
     * dossier then includes it with its inclusion proof).
     */
    record Finding(String id, String matchedVersion, String matchedOwner, double similarity, String status,
                   String decidedBy, String decisionReason, Instant decidedAt, Long logIndex) {
    }
}
