package dev.modelport.registry.device;

import dev.modelport.registry.distribution.ChangeFeed;
import dev.modelport.registry.distribution.RemoteChange;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Revoked device ids, in memory, so that every authenticated device request is refused at once after a revocation
 * without a database read. Revocations are rare; the set stays small. The revoking instance adds the id at once;
 * the others reload the set when the revocation arrives on the {@link ChangeFeed} (within a second of the commit),
 * after the feed reconnects, and once a minute as a safety net.
 */
@ApplicationScoped
public class RevokedDevices {

    private static final Logger LOG = Logger.getLogger(RevokedDevices.class);
    private static final long RELOAD_SECONDS = 60;

    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService reloader;

    @Inject
    DeviceRepository devices;

    void load(@Observes StartupEvent event) {
        reload();
        reloader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "revoked-devices");
            t.setDaemon(true);
            return t;
        });
        reloader.scheduleWithFixedDelay(this::reloadQuietly, RELOAD_SECONDS, RELOAD_SECONDS, TimeUnit.SECONDS);
    }

    /** A revocation committed elsewhere (or the feed reconnected): reload off the feed's thread. */
    void onRemoteChange(@Observes RemoteChange change) {
        if (reloader != null && change.concerns(RemoteChange.REVOCATIONS)) {
            reloader.execute(this::reloadQuietly);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (reloader != null) {
            reloader.shutdownNow();
        }
    }

    @Transactional
    void reload() {
        revoked.addAll(devices.revokedIds());
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warn("reloading revoked devices failed; the next notification or the safety reload retries", e);
        }
    }

    public boolean contains(String deviceId) {
        return revoked.contains(deviceId);
    }

    void add(String deviceId) {
        revoked.add(deviceId);
    }
}
