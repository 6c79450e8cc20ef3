package dev.modelport.registry.trust;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
class TufRootRepository implements PanacheRepositoryBase<TufRootEntity, Integer> {

    Optional<TufRootEntity> latest() {
        return find("order by version desc").firstResultOptional();
    }
}
