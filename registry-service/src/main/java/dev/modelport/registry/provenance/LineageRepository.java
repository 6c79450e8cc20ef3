package dev.modelport.registry.provenance;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
class LineageRepository implements PanacheRepositoryBase<LineageEdgeEntity, LineageEdgeEntity.Key> {

    List<LineageEdgeEntity> parentsOf(UUID child) {
        return list("childId", child);
    }

    List<LineageEdgeEntity> parentsOf(Collection<UUID> children) {
        return children.isEmpty() ? List.of() : list("childId in ?1", children);
    }

    List<LineageEdgeEntity> childrenOf(Collection<UUID> parents) {
        return parents.isEmpty() ? List.of() : list("parentId in ?1", parents);
    }
}
