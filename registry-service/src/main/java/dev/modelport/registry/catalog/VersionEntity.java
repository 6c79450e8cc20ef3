package dev.modelport.registry.catalog;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "model_version")
class VersionEntity {

    @Id
    UUID id;

    @Column(name = "model_id", nullable = false)
    UUID modelId;

    @Column(nullable = false, length = 32)
    String label;

    @Column(nullable = false)
    int major;

    @Column(nullable = false)
    int minor;

    @Column(nullable = false)
    int patch;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    VersionStatus status;

    @Column(name = "model_card", nullable = false, columnDefinition = "text")
    String modelCard;

    @Column(name = "training_data", nullable = false, length = 20000)
    String trainingData;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "version_artifact", joinColumns = @JoinColumn(name = "version_id"))
    @OrderBy("fileName")
    List<Artifact> artifacts = new ArrayList<>();

    @Column(name = "created_by", nullable = false, length = 255)
    String createdBy;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Column(name = "published_at")
    Instant publishedAt;

    @Version
    long version;

    SemVer semVer() {
        return new SemVer(major, minor, patch);
    }

    @Embeddable
    static class Artifact {
        @Column(nullable = false, length = 71)
        String digest;

        @Column(name = "file_name", nullable = false, length = 200)
        String fileName;

        Artifact() {
        }

        Artifact(String digest, String fileName) {
            this.digest = digest;
            this.fileName = fileName;
        }
    }
}
