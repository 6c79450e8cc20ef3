package dev.modelport.registry.build;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
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
}
