package dev.modelport.registry.licensing;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
class EntitlementRepository implements PanacheRepositoryBase<EntitlementEntity, UUID> {

    /** Entitlements of {@code holder} from offers on {@code modelId}, newest term last. */
    List<EntitlementEntity> heldFor(UUID holder, UUID modelId) {
        return getEntityManager().createQuery("select e from EntitlementEntity e, OfferEntity o "
                        + "where e.offerId = o.id and e.holderId = :holder and o.modelId = :model "
                        + "order by e.validUntil", EntitlementEntity.class)
                .setParameter("holder", holder).setParameter("model", modelId).getResultList();
    }

    boolean holdsActive(UUID holder, UUID offerId) {
        return count("holderId = ?1 and offerId = ?2 and stored = ?3 and validUntil > current_timestamp",
                holder, offerId, EntitlementEntity.Stored.ACTIVE) > 0;
    }

    /**
     * A page of entitlements after {@code after}: all when {@code all}; else those held by {@code holders} or
     * granted by {@code grantors} (either list may be empty).
     */
    List<EntitlementEntity> page(UUID after, boolean all, Collection<UUID> holders, Collection<UUID> grantors,
                                 int rows) {
        StringBuilder jpql = new StringBuilder("id > :after");
        Parameters params = Parameters.with("after", after);
        if (!all) {
            List<String> ors = new java.util.ArrayList<>();
            if (!holders.isEmpty()) {
                ors.add("holderId in :holders");
                params.and("holders", holders);
            }
            if (!grantors.isEmpty()) {
                ors.add("grantorId in :grantors");
                params.and("grantors", grantors);
            }
            if (ors.isEmpty()) {
                return List.of();
            }
            jpql.append(" and (").append(String.join(" or ", ors)).append(")");
        }
        return find(jpql + " order by id", params).page(0, rows).list();
    }
}
