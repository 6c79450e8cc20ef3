package dev.modelport.registry.licensing;

import dev.modelport.registry.catalog.SemVer;
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
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

@Entity
@Table(name = "licence_offer")
class OfferEntity {

    @Id
    UUID id;

    @Column(name = "model_id", nullable = false)
    UUID modelId;

    @Column(nullable = false, length = 200)
    String title;

    @Column(name = "from_major", nullable = false)
    int fromMajor;

    @Column(name = "from_minor", nullable = false)
    int fromMinor;

    @Column(name = "from_patch", nullable = false)
    int fromPatch;

    @Column(name = "to_major")
    Integer toMajor;

    @Column(name = "to_minor")
    Integer toMinor;

    @Column(name = "to_patch")
    Integer toPatch;

    @Column(name = "allow_fine_tuning", nullable = false)
    boolean allowFineTuning;

    @Column(name = "allow_quantization", nullable = false)
    boolean allowQuantization;

    @Column(name = "allow_distribution", nullable = false)
    boolean allowDistribution;

    @Column(name = "device_cap")
    Long deviceCap;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "licence_offer_territory", joinColumns = @JoinColumn(name = "offer_id"))
    @Column(name = "code", length = 2)
    Set<String> territories = new TreeSet<>();

    @Column(name = "term_start", nullable = false)
    Instant termStart;

    @Column(name = "term_end", nullable = false)
    Instant termEnd;

    @Column(nullable = false, precision = 18, scale = 6)
    BigDecimal fee;

    @Column(name = "royalty_per_activation", nullable = false, precision = 18, scale = 6)
    BigDecimal royaltyPerActivation;

    @Column(nullable = false, length = 3)
    String currency;

    @Column(nullable = false, length = 1000)
    String attribution;

    @Column(name = "spdx_id", length = 64)
    String spdxId;

    @Column(name = "licence_text_digest", length = 71)
    String licenceTextDigest;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    OfferStatus status;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Version
    long version;

    SemVer from() {
        return new SemVer(fromMajor, fromMinor, fromPatch);
    }

    SemVer to() {
        return toMajor == null ? null : new SemVer(toMajor, toMinor, toPatch);
    }

    boolean covers(SemVer version) {
        return version.compareTo(from()) >= 0 && (to() == null || version.compareTo(to()) <= 0);
    }

    boolean allows(Right right) {
        return switch (right) {
            case FINE_TUNING -> allowFineTuning;
            case QUANTIZATION -> allowQuantization;
            case DEVICE_DISTRIBUTION -> allowDistribution;
        };
    }
}
