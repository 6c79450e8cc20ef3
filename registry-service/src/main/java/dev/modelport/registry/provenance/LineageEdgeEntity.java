package dev.modelport.registry.provenance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

@Entity
@Table(name = "lineage_edge")
@IdClass(LineageEdgeEntity.Key.class)
class LineageEdgeEntity {

    static class Key implements Serializable {
        UUID childId;
        UUID parentId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(childId, k.childId) && Objects.equals(parentId, k.parentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(childId, parentId);
        }
    }

    @Id
    @Column(name = "child_id")
    UUID childId;

    @Id
    @Column(name = "parent_id")
    UUID parentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    Relation relation;

    /** Set at publication when the parent belongs to another organisation: the licence it is used under. */
    @Column(name = "entitlement_id")
    UUID entitlementId;

    @Column(name = "spdx_id", length = 64)
    String spdxId;

    @Column(name = "licence_digest", length = 71)
    String licenceDigest;
}
