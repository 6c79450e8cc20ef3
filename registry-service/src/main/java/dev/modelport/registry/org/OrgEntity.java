package dev.modelport.registry.org;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

@Entity
@Table(name = "organisation")
class OrgEntity {

    @Id
    UUID id;

    @Column(nullable = false, length = 64)
    String slug;

    @Column(nullable = false, length = 200)
    String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    OrgKind kind;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "organisation_jurisdiction", joinColumns = @JoinColumn(name = "organisation_id"))
    @Column(name = "code", length = 2)
    Set<String> jurisdictions = new TreeSet<>();

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Version
    long version;

    OrgView view() {
        return new OrgView(id, slug, name, kind, Set.copyOf(jurisdictions), createdAt);
    }
}
