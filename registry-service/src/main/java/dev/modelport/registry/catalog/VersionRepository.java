package dev.modelport.registry.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
class VersionRepository implements PanacheRepositoryBase<VersionEntity, UUID> {

    Optional<VersionEntity> find(UUID modelId, String label) {
        return find("modelId = ?1 and label = ?2", modelId, label).firstResultOptional();
    }

    /** Versions of a model after {@code after} in id order; drafts only when {@code withDrafts}. */
    List<VersionEntity> page(UUID modelId, UUID after, boolean withDrafts, int rows) {
        String jpql = "modelId = :model and id > :after" + (withDrafts ? "" : " and status <> :draft") + " order by id";
        Parameters params = Parameters.with("model", modelId).and("after", after);
        if (!withDrafts) {
            params.and("draft", VersionStatus.DRAFT);
        }
        return find(jpql, params).page(0, rows).list();
    }
}
