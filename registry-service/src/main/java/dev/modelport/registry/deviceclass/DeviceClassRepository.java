package dev.modelport.registry.deviceclass;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
class DeviceClassRepository implements PanacheRepositoryBase<DeviceClassEntity, UUID> {

    Optional<DeviceClassEntity> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    List<DeviceClassEntity> pageAfter(String afterSlug, int rows) {
        return find("slug > ?1 order by slug", afterSlug).page(0, rows).list();
    }
}
