package dev.modelport.registry.fingerprint;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
class FingerprintRepository implements PanacheRepositoryBase<FingerprintEntity, String> {
}
