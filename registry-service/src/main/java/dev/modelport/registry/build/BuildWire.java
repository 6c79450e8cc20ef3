package dev.modelport.registry.build;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.registry.blob.Sha256Digest;
import dev.modelport.registry.catalog.VersionName;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The builds API's request and response records. */
public final class BuildWire {

    private BuildWire() {
    }

    /** {@code POST /api/v1/builds}: the platform quantizes {@code version}'s weights for {@code deviceClass}. */
    public record BuildRequest(
            @NotBlank @Pattern(regexp = VersionName.PATTERN, message = "must name a version as owner/model@1.0.0")
            String version,
            @NotBlank String deviceClass,
            @NotBlank @Pattern(regexp = "^(Q8_0|Q4_0|F16)$", message = "must be Q8_0, Q4_0 or F16") String quantType,
            @Positive @Max(1 << 24) Integer contextLength) {
    }

    /** {@code POST /api/v1/builds/uploads}: a build made elsewhere, uploaded through the upload API. */
    public record UploadedBuildRequest(
            @NotBlank @Pattern(regexp = VersionName.PATTERN, message = "must name a version as owner/model@1.0.0")
            String version,
            @NotBlank String deviceClass,
            @NotBlank @Pattern(regexp = "^(Q8_0|Q4_0|F16)$", message = "must be Q8_0, Q4_0 or F16") String quantType,
            @NotBlank @Pattern(regexp = Sha256Digest.PATTERN, message = "must be sha256:<64 hex>") String digest,
            @NotBlank @Pattern(regexp = Sha256Digest.PATTERN, message = "must be sha256:<64 hex>") String inputDigest,
            @Positive @Max(1 << 24) Integer contextLength) {
    }

    /** The job behind a build, as far as a build's reader needs it. */
    public record JobProgress(UUID id, String state, BigDecimal progressPercent, long bytesDone, Long bytesTotal,
                              Long bytesPerSecond, String errorCode, String errorDetail) {
    }

    public record BuildResponse(UUID id, String owner, String version, String deviceClass, String quantType,
                                BuildOrigin origin, Derivation derivation, BuildStatus status, String inputDigest,
                                String outputDigest, Long outputSize, Integer contextLength, Long memoryEstimateBytes,
                                String quantizerVersion, JsonNode recipe, JsonNode tensorDigests,
                                Long provenanceLogIndex, JobProgress job, JobProgress verification,
                                Instant verifiedAt, String mismatchDetail, String failureCode, String failureDetail,
                                Instant createdAt, Instant updatedAt) {
    }

    /** {@code GET /api/v1/builds/{id}/provenance}: the signed statement and the log's offline-verification bundle. */
    public record ProvenanceResponse(UUID build, JsonNode envelope, long logIndex, JsonNode bundle) {
    }
}
