package dev.modelport.registry.provenance;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
class ClaimRepository implements PanacheRepositoryBase<ClaimEntity, UUID> {
}
