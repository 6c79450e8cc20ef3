package dev.modelport.registry.licensing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Licence metering for distribution: the terms a release is bound to, and the activation counter that enforces the
 * device cap. The counter lives on the entitlement row so the database constraint (activations ≤ cap) holds it.
 */
@ApplicationScoped
public class EntitlementMeter {

    @Inject
    EntitlementRepository entitlements;

    @Inject
    OfferRepository offers;

    @Inject
    OrderRepository orders;

    @Inject
    EntityManager em;

    /** What metering and distribution need to know of an entitlement. */
    public record Terms(UUID entitlementId, UUID holderId, UUID grantorId, Set<String> territories, Long deviceCap,
                        long activations, BigDecimal royaltyPerActivation, String currency, String offerTitle,
                        boolean active) {

        public boolean capReached() {
            return deviceCap != null && activations >= deviceCap;
        }
    }

    @Transactional
    public Optional<Terms> terms(UUID entitlementId) {
        return Optional.ofNullable(entitlements.findById(entitlementId)).map(this::terms);
    }

    /** Entitlements granted by {@code grantorId}, for its royalty statements. */
    @Transactional
    public List<Terms> grantedBy(UUID grantorId) {
        return entitlements.find("grantorId", grantorId).list().stream().map(this::terms).toList();
    }

    /** Of {@code ids}, those whose device cap is reached. */
    @Transactional
    public Set<UUID> capReached(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(em.createQuery("select e.id from EntitlementEntity e where e.id in :ids "
                        + "and e.deviceCap is not null and e.activations >= e.deviceCap", UUID.class)
                .setParameter("ids", ids).getResultList());
    }

    /**
     * Counts one activation, unless the cap is reached. Joins the caller's transaction.
     *
     * @return false when the cap left no room
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean activate(UUID entitlementId) {
        return em.createNativeQuery("UPDATE entitlement SET activations = activations + 1, version = version + 1 "
                        + "WHERE id = ?1 AND (device_cap IS NULL OR activations < device_cap)")
                .setParameter(1, entitlementId).executeUpdate() == 1;
    }

    private Terms terms(EntitlementEntity e) {
        OfferEntity offer = offers.findById(e.offerId);
        OrderEntity order = orders.findById(e.orderId);
        Instant now = Instant.now();
        return new Terms(e.id, e.holderId, e.grantorId, Set.copyOf(offer.territories), e.deviceCap, e.activations,
                order.royaltyPerActivation, order.currency, offer.title,
                e.status(now) == EntitlementStatus.ACTIVE && !now.isBefore(e.validFrom));
    }
}
