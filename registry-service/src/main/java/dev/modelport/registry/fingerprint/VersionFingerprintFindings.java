package dev.modelport.registry.fingerprint;

import dev.modelport.registry.catalog.VersionRef;
import dev.modelport.registry.catalog.VersionService;
import dev.modelport.registry.regulator.FingerprintFindings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The dossier's and the jurisdiction view's source of fingerprint facts: the stored fingerprint of every weight file
 * of the version (its artifacts and READY build outputs) and every provenance finding on it, with the regulator's
 * decision and that decision's log index.
 */
@ApplicationScoped
class VersionFingerprintFindings implements FingerprintFindings {

    static final String SOURCE = "modelport weight fingerprints (wfp1: per-layer tensor statistics)";
    static final String METHOD = "wfp1";

    @Inject
    WeightUses uses;

    @Inject
    FingerprintRepository fingerprints;

    @Inject
    FindingRepository findings;

    @Inject
    VersionService versions;

    @Override
    @Transactional
    public Optional<Report> of(UUID versionId) {
        List<Result> results = uses.digestsOf(versionId).stream().sorted()
                .map(fingerprints::findById).filter(f -> f != null)
                .map(f -> new Result(f.digest, METHOD, "sha256:" + sha256(f.signature), f.computedAt)).toList();
        List<Finding> found = findings.ofVersion(versionId).stream().map(this::finding).toList();
        return Optional.of(new Report(SOURCE, results, found));
    }

    private Finding finding(FindingEntity f) {
        VersionRef matched = versions.ref(f.matchedVersionId);
        return new Finding(f.id.toString(), matched.fullName(), matched.model().owner().slug(), f.score,
                f.status.name(), f.decidedBy, f.reason, f.decidedAt, f.decisionLogIndex);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
