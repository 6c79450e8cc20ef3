package dev.modelport.registry.rollout;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
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

    /** A page of the channel's rollouts, newest first; the cursor is the creation time and id of the last one. */
    List<RolloutEntity> pageOfChannel(UUID channelId, String afterKey, int rows) {
        if (afterKey.isEmpty()) {
            return find("channelId = ?1 order by createdAt desc, id desc", channelId).page(0, rows).list();
        }
        String[] key = afterKey.split("/", 2);
        return find("channelId = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) "
                + "order by createdAt desc, id desc", channelId, Instant.parse(key[0]), UUID.fromString(key[1]))
                .page(0, rows).list();
    }

    List<RolloutEntity> withStatus(Collection<RolloutStatus> statuses) {
        return list("status in ?1 order by createdAt desc", statuses);
    }

    List<UUID> running() {
        return getEntityManager().createQuery("select r.id from RolloutEntity r where r.status = :s", UUID.class)
                .setParameter("s", RolloutStatus.RUNNING).getResultList();
    }
}
