package dev.modelport.registry.blob;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
class BlobRepository implements PanacheRepositoryBase<BlobEntity, String> {
}
