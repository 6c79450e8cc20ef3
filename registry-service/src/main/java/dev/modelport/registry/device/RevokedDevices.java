package dev.modelport.registry.device;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Revoked device ids, in memory, so that every authenticated device request is refused at once after a revocation
 * without a database read. Revocations are rare; the set stays small.
 */
@ApplicationScoped
public class RevokedDevices {

    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    @Inject
    DeviceRepository devices;

    @Transactional
    void load(@Observes StartupEvent event) {
        revoked.addAll(devices.revokedIds());
    }

    public boolean contains(String deviceId) {
        return revoked.contains(deviceId);
    }

    void add(String deviceId) {
        revoked.add(deviceId);
    }
}
