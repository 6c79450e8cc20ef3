package dev.modelport.registry.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
class ModelRepository implements PanacheRepositoryBase<ModelEntity, UUID> {

    Optional<ModelEntity> find(UUID ownerId, String slug) {
        return find("ownerId = ?1 and slug = ?2", ownerId, slug).firstResultOptional();
    }

    /**
     * Models after {@code afterId} in id order that the caller may see: public ones, plus private ones of
     * {@code privateOwners} (all private ones when {@code allPrivate}).
     */
    List<ModelEntity> visiblePage(ModelQuery query, boolean allPrivate, Collection<UUID> privateOwners, int rows) {
        StringBuilder jpql = new StringBuilder("id > :after");
        Parameters params = Parameters.with("after", query.after());
        if (!allPrivate) {
            jpql.append(privateOwners.isEmpty() ? " and visibility = :public"
                    : " and (visibility = :public or ownerId in :owners)");
            params.and("public", Visibility.PUBLIC);
            if (!privateOwners.isEmpty()) {
                params.and("owners", privateOwners);
            }
        }
        query.ownerId().ifPresent(owner -> {
            jpql.append(" and ownerId = :owner");
            params.and("owner", owner);
        });
        query.text().ifPresent(text -> {
            jpql.append(" and (lower(name) like :text or lower(slug) like :text or lower(description) like :text)");
            params.and("text", "%" + text.toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
        });
        query.architecture().ifPresent(arch -> {
            jpql.append(" and architecture = :arch");
            params.and("arch", arch);
        });
        query.minParameters().ifPresent(min -> {
            jpql.append(" and parameterCount >= :minParams");
            params.and("minParams", min);
        });
        query.maxParameters().ifPresent(max -> {
            jpql.append(" and parameterCount <= :maxParams");
            params.and("maxParams", max);
        });
        query.among().ifPresent(ids -> {
            jpql.append(" and id in :among");
            params.and("among", ids);
        });
        return find(jpql + " order by id", params).page(0, rows).list();
    }
}
