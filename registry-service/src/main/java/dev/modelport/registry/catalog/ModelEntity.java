package dev.modelport.registry.catalog;

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
@Table(name = "model")
class ModelEntity {

    @Id
    UUID id;

    @Column(name = "owner_id", nullable = false)
    UUID ownerId;

    @Column(nullable = false, length = 64)
    String slug;

    @Column(nullable = false, length = 200)
    String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    ModelKind kind;

    @Column(nullable = false, length = 64)
    String architecture;

    @Column(name = "parameter_count", nullable = false)
    long parameterCount;

    @Column(name = "context_length", nullable = false)
    int contextLength;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    Visibility visibility;

    @Column(length = 4000)
    String description;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Version
    long version;
}
