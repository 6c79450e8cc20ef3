package dev.modelport.registry.device;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
class DeviceRepository implements PanacheRepositoryBase<DeviceEntity, String> {

    Optional<DeviceEntity> findByPublicKey(byte[] publicKey) {
        return find("publicKey", publicKey).firstResultOptional();
    }

    List<DeviceEntity> pageOfOwner(UUID ownerId, String afterId, int rows) {
        return find("ownerId = :owner and id > :after order by id",
                Parameters.with("owner", ownerId).and("after", afterId)).page(0, rows).list();
    }

    List<String> revokedIds() {
        return getEntityManager()
                .createQuery("select d.id from DeviceEntity d where d.status = :status", String.class)
                .setParameter("status", DeviceStatus.REVOKED).getResultList();
    }

    /** Records a nonce once; false when the device used it before, i.e. the request is a replay. */
    boolean firstUseOfNonce(String deviceId, String nonce, Instant now) {
        int inserted = getEntityManager().createNativeQuery(
                        "INSERT INTO device_nonce (device_id, nonce, seen_at) VALUES (?1, ?2, ?3) "
                                + "ON CONFLICT DO NOTHING")
                .setParameter(1, deviceId).setParameter(2, nonce).setParameter(3, now).executeUpdate();
        return inserted == 1;
    }

    void forgetNoncesBefore(Instant cutoff) {
        getEntityManager().createNativeQuery("DELETE FROM device_nonce WHERE seen_at < ?1")
                .setParameter(1, cutoff).executeUpdate();
    }
}
