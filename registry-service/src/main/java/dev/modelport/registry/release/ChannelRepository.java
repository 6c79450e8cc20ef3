package dev.modelport.registry.release;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
class ChannelRepository implements PanacheRepositoryBase<ChannelEntity, UUID> {

    boolean nameTaken(UUID ownerId, String name) {
        return count("ownerId = ?1 and name = ?2", ownerId, name) > 0;
    }

    List<ChannelEntity> pageOfOwner(UUID ownerId, String afterName, int rows) {
        return find("ownerId = ?1 and name > ?2 order by name", ownerId, afterName).page(0, rows).list();
    }
}
