package dev.modelport.registry.rollout;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
class RolloutRepository implements PanacheRepositoryBase<RolloutEntity, UUID> {

    Optional<RolloutEntity> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    List<RolloutEntity> ofChannel(UUID channelId) {
        return list("channelId = ?1 order by createdAt desc", channelId);
    }

    List<RolloutEntity> withStatus(Collection<RolloutStatus> statuses) {
        return list("status in ?1 order by createdAt desc", statuses);
    }

    List<UUID> running() {
        return getEntityManager().createQuery("select r.id from RolloutEntity r where r.status = :s", UUID.class)
                .setParameter("s", RolloutStatus.RUNNING).getResultList();
    }
}
