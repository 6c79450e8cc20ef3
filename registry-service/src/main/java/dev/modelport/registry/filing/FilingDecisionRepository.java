package dev.modelport.registry.filing;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
class FilingDecisionRepository implements PanacheRepositoryBase<FilingDecisionEntity, UUID> {

    List<FilingDecisionEntity> ofFiling(UUID filingId) {
        return list("filingId = ?1 order by decidedAt, id", filingId);
    }
}
