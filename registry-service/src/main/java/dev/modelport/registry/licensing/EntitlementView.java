package dev.modelport.registry.licensing;

import java.time.Instant;
import java.util.UUID;

/** What a holder may do with a licensed model, with its cap, its counters and the order that created it. */
public record EntitlementView(UUID id, UUID offerId, String offerTitle, String model, OfferView.VersionRange versions,
                              String holder, String grantor, EntitlementStatus status, Instant validFrom,
                              Instant validUntil, OfferView.Allows allows, Long deviceCap, long activations,
                              String spdxId, String licenceTextDigest, OrderView order, Instant terminatedAt) {

    public record OrderView(UUID id, String fee, String royaltyPerActivation, String currency, String orderedBy,
                            Instant orderedAt) {
    }
}
