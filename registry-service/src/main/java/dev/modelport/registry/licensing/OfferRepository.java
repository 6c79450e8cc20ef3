package dev.modelport.registry.licensing;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
class OfferRepository implements PanacheRepositoryBase<OfferEntity, UUID> {

    List<OfferEntity> page(UUID modelId, UUID after, boolean withWithdrawn, int rows) {
        String jpql = "modelId = :model and id > :after" + (withWithdrawn ? "" : " and status = :active")
                + " order by id";
        Parameters params = Parameters.with("model", modelId).and("after", after);
        if (!withWithdrawn) {
            params.and("active", OfferStatus.ACTIVE);
        }
        return find(jpql, params).page(0, rows).list();
    }

    List<OfferEntity> active() {
        return list("status", OfferStatus.ACTIVE);
    }
}
