package dev.modelport.registry.release;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "channel")
class ChannelEntity {

    @Id
    UUID id;

    @Column(name = "owner_id", nullable = false)
    UUID ownerId;

    @Column(name = "model_id", nullable = false)
    UUID modelId;

    @Column(nullable = false, length = 64)
    String name;

    @Column(name = "created_by", nullable = false)
    String createdBy;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Version
    long version;
}
