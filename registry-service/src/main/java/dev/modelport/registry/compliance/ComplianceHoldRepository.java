package dev.modelport.registry.compliance;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
class ComplianceHoldRepository implements PanacheRepositoryBase<ComplianceHoldEntity, UUID> {

    List<ComplianceHoldEntity> active() {
        return list("liftedAt is null");
    }
}
