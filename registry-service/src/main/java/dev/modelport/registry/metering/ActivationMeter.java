package dev.modelport.registry.metering;

import dev.modelport.registry.licensing.EntitlementMeter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Licence activations: the first HEALTHY install of a licensed model's build on a device counts once against the
 * entitlement, in the report batch's transaction. At the cap the activation is not recorded (and check-ins stop
 * offering the model to devices that are not counted yet).
 */
@ApplicationScoped
public class ActivationMeter {

    private static final Logger LOG = Logger.getLogger(ActivationMeter.class);

    @Inject
    EntityManager em;

    @Inject
    EntitlementMeter entitlements;

    /** Returns true when this HEALTHY was the device's first under the entitlement and the cap had room. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstHealthy(UUID entitlementId, String deviceId, String digest, UUID versionId, Instant at) {
        boolean first = em.createNativeQuery("INSERT INTO activation (entitlement_id, device_id, build_digest, "
                        + "version_id, activated_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING")
                .setParameter(1, entitlementId).setParameter(2, deviceId).setParameter(3, digest)
                .setParameter(4, versionId).setParameter(5, at).executeUpdate() == 1;
        if (!first) {
            return false;
        }
        if (!entitlements.activate(entitlementId)) {
            em.createNativeQuery("DELETE FROM activation WHERE entitlement_id = ?1 AND device_id = ?2")
                    .setParameter(1, entitlementId).setParameter(2, deviceId).executeUpdate();
            LOG.infof("device %s reported HEALTHY under entitlement %s beyond its device cap; not counted",
                    deviceId, entitlementId);
            return false;
        }
        return true;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean capReached(UUID entitlementId) {
        return !entitlements.capReached(Set.of(entitlementId)).isEmpty();
    }
}
