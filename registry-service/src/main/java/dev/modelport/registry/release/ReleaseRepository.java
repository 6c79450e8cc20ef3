package dev.modelport.registry.release;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
class ReleaseRepository implements PanacheRepositoryBase<ReleaseEntity, UUID> {

    List<ReleaseEntity> ofChannel(UUID channelId) {
        return list("channelId = ?1 order by seq", channelId);
    }

    /** A page of the channel's releases, newest (highest seq) first; the cursor is the seq of the last one. */
    List<ReleaseEntity> pageOfChannel(UUID channelId, int beforeSeq, int rows) {
        return find("channelId = ?1 and seq < ?2 order by seq desc", channelId, beforeSeq).page(0, rows).list();
    }

    int nextSeq(UUID channelId) {
        Integer max = getEntityManager().createQuery("select max(r.seq) from ReleaseEntity r where r.channelId = :c",
                Integer.class).setParameter("c", channelId).getSingleResult();
        return max == null ? 1 : max + 1;
    }
}
