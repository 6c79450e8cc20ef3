package dev.modelport.registry.blob;

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
@Table(name = "upload_session")
class UploadSessionEntity {

    @Id
    UUID id;

    @Column(name = "organisation_id", nullable = false)
    UUID organisationId;

    @Column(name = "created_by", nullable = false, length = 255)
    String createdBy;

    @Column(nullable = false, length = 71)
    String digest;

    @Column(nullable = false)
    long size;

    @Column(nullable = false)
    long committed;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    UploadStatus status;

    @Column(length = 500)
    String failure;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Version
    long version;
}
