package dev.modelport.registry.build;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
class BuildRepository implements PanacheRepositoryBase<BuildEntity, UUID> {

    List<BuildEntity> withOutput(String digest) {
        return list("outputDigest", digest);
    }

    List<BuildEntity> ofVersion(UUID versionId) {
        return list("versionId = ?1 order by createdAt", versionId);
    }

    /** Newest first; the cursor is the creation time and id of the last build seen. */
    List<BuildEntity> page(String field, UUID value, String afterKey, int rows) {
        if (afterKey.isEmpty()) {
            return find(field + " = ?1 order by createdAt desc, id desc", value).page(0, rows).list();
        }
        String[] key = afterKey.split("/", 2);
        return find(field + " = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) order by createdAt desc, id desc",
                value, Instant.parse(key[0]), UUID.fromString(key[1])).page(0, rows).list();
    }
}
