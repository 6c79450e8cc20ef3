package dev.modelport.registry.blob;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

@Entity
@Table(name = "blob_holder")
@IdClass(BlobHolderEntity.Key.class)
class BlobHolderEntity {

    static class Key implements Serializable {
        String digest;
        UUID organisationId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(digest, k.digest)
                    && Objects.equals(organisationId, k.organisationId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(digest, organisationId);
        }
    }

    @Id
    @Column(length = 71)
    String digest;

    @Id
    @Column(name = "organisation_id")
    UUID organisationId;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;
}
