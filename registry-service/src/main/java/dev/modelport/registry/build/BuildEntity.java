package dev.modelport.registry.build;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "build")
class BuildEntity {

    @Id
    UUID id;

    @Column(name = "owner_id", nullable = false)
    UUID ownerId;

    @Column(name = "version_id", nullable = false)
    UUID versionId;

    @Column(name = "device_class_id", nullable = false)
    UUID deviceClassId;

    @Column(name = "quant_type", nullable = false, length = 16)
    String quantType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    BuildOrigin origin;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    Derivation derivation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    BuildStatus status;

    @Column(name = "input_digest", nullable = false, length = 71)
    String inputDigest;

    @Column(name = "output_digest", length = 71)
    String outputDigest;

    @Column(name = "output_size")
    Long outputSize;

    @Column(name = "context_length")
    Integer contextLength;

    @Column(name = "memory_estimate_bytes")
    Long memoryEstimateBytes;

    @Column(name = "job_id")
    UUID jobId;

    @Column(name = "quantizer_version", length = 64)
    String quantizerVersion;

    @Column(nullable = false, columnDefinition = "text")
    String recipe;

    @Column(name = "tensor_digests", columnDefinition = "text")
    String tensorDigests;

    @Column(name = "provenance_envelope", columnDefinition = "text")
    String provenanceEnvelope;

    @Column(name = "provenance_log_index")
    Long provenanceLogIndex;

    @Column(name = "failure_code", length = 64)
    String failureCode;

    @Column(name = "failure_detail", length = 2000)
    String failureDetail;

    @Column(name = "created_by", nullable = false, length = 255)
    String createdBy;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Column(name = "verification_job_id")
    UUID verificationJobId;

    @Column(name = "verified_at")
    Instant verifiedAt;

    @Column(name = "mismatch_detail", length = 2000)
    String mismatchDetail;

    @Column(name = "device_class_slug", length = 64)
    String deviceClassSlug;

    @Version
    long version;

    /** Signed means: its provenance statement is signed by the platform and in the transparency log. */
    boolean signed() {
        return provenanceEnvelope != null && provenanceLogIndex != null;
    }
}
