package dev.modelport.registry.build;

import java.time.Instant;
import java.util.UUID;

/**
 * What other features may know about a build. {@code signed} means the platform signed its provenance statement and
 * the statement is in the transparency log.
 */
public record BuildView(UUID id, UUID ownerId, UUID versionId, UUID deviceClassId, String quantType,
        BuildOrigin origin, Derivation derivation, BuildStatus status, String inputDigest, String outputDigest,
        Long outputSize, Long memoryEstimateBytes, String tensorDigests, boolean signed, Long provenanceLogIndex,
        Instant createdAt, String deviceClass, Integer contextLength, String quantizerVersion, String recipe,
        UUID jobId, UUID verificationJobId, Instant verifiedAt, String mismatchDetail, String failureCode,
        String failureDetail, Instant updatedAt) {

    static BuildView of(BuildEntity b) {
        return new BuildView(b.id, b.ownerId, b.versionId, b.deviceClassId, b.quantType, b.origin, b.derivation,
                b.status, b.inputDigest, b.outputDigest, b.outputSize, b.memoryEstimateBytes, b.tensorDigests,
                b.signed(), b.provenanceLogIndex, b.createdAt, b.deviceClassSlug, b.contextLength,
                b.quantizerVersion, b.recipe, b.jobId, b.verificationJobId, b.verifiedAt, b.mismatchDetail,
                b.failureCode, b.failureDetail, b.updatedAt);
    }

    public boolean ready() {
        return status == BuildStatus.READY;
    }
}
