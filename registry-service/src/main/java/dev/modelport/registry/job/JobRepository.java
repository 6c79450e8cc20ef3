package dev.modelport.registry.job;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
class JobRepository implements PanacheRepositoryBase<JobEntity, UUID> {

    /** Newest first; the cursor is the creation time and id of the last job seen. */
    List<JobEntity> pageOfOwner(UUID ownerId, String afterKey, int rows) {
        if (afterKey.isEmpty()) {
            return find("ownerId = ?1 order by createdAt desc, id desc", ownerId).page(0, rows).list();
        }
        String[] key = afterKey.split("/", 2);
        return find("ownerId = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) order by createdAt desc, id desc",
                ownerId, java.time.Instant.parse(key[0]), UUID.fromString(key[1])).page(0, rows).list();
    }
}
