package dev.modelport.registry.blob;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
class BlobHolderRepository implements PanacheRepositoryBase<BlobHolderEntity, BlobHolderEntity.Key> {

    boolean holds(UUID org, String digest) {
        return count("digest = ?1 and organisationId = ?2", digest, org) > 0;
    }
}
