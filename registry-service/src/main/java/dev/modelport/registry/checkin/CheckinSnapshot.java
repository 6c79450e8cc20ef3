package dev.modelport.registry.checkin;

import dev.modelport.registry.compliance.HoldsChanged;
import dev.modelport.registry.distribution.DistributionChanged;
import dev.modelport.registry.distribution.DistributionConfig;
import dev.modelport.registry.distribution.RemoteChange;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The current {@link Snapshot} of this instance. Rebuilt on its own thread: at once after a local change commits
 * (the caller waits, so an operator's next request already sees it), when another instance's change arrives on the
 * {@link dev.modelport.registry.distribution.ChangeFeed} (or the feed reconnected and may have missed some), and
 * periodically for changes that announce nothing (filing decisions, version status). Check-ins only read the
 * reference.
 */
@ApplicationScoped
public class CheckinSnapshot {

    private static final Logger LOG = Logger.getLogger(CheckinSnapshot.class);

    @Inject
    SnapshotBuilder builder;

    @Inject
    DistributionConfig config;

    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private ScheduledExecutorService worker;
    private volatile boolean stopping;
    /** Set while a remote-triggered rebuild is queued, so a burst of notifications queues one rebuild, not many. */
    private final java.util.concurrent.atomic.AtomicBoolean remoteRebuildQueued =
            new java.util.concurrent.atomic.AtomicBoolean();

    void start(@Observes StartupEvent event) {
        current.set(Snapshot.empty(config.filingRequired()));
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "checkin-snapshot");
            t.setDaemon(true);
            return t;
        });
        worker.execute(this::rebuild);
        long full = config.fullRefresh().toMillis();
        worker.scheduleWithFixedDelay(this::rebuild, full, full, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    Snapshot get() {
        return current.get();
    }

    /**
     * What a device's report about {@code digest} counts towards (see {@link ReportAttribution}); empty for builds
     * no served release has. {@code enrolledProfile} is asked only when several rollouts serve the same bytes.
     */
    public java.util.Optional<Attribution> attribute(java.util.UUID ownerId, String deviceId, String digest,
            java.util.function.Supplier<dev.modelport.registry.device.DeviceProfile> enrolledProfile) {
        return ReportAttribution.attribute(current.get(), ownerId, deviceId, digest, enrolledProfile);
    }

    /** Whether the snapshot already stops new devices under this entitlement. */
    public boolean capped(java.util.UUID entitlementId) {
        return current.get().cappedEntitlements().contains(entitlementId);
    }

    /** A report's build resolved: its version, licence, and the rollout and stage the device belongs to. */
    public record Attribution(java.util.UUID versionId, java.util.UUID entitlementId, java.util.UUID rolloutId,
                              Integer stage) {
    }

    /** The version (epoch) of the snapshot check-ins are answered from. */
    public long version() {
        return current.get().epoch();
    }

    void onDistributionChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) DistributionChanged change) {
        refreshNow();
    }

    void onHoldsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) HoldsChanged change) {
        refreshNow();
    }

    /** Another instance changed what check-ins answer; rebuild soon, without blocking the feed. */
    void onRemoteChange(@Observes RemoteChange change) {
        if (worker == null || !(change.concerns(RemoteChange.DISTRIBUTION) || change.concerns(RemoteChange.HOLDS))) {
            return;
        }
        if (remoteRebuildQueued.compareAndSet(false, true)) {
            worker.execute(() -> {
                remoteRebuildQueued.set(false);
                rebuild();
            });
        }
    }

    /** Rebuilds now and waits for it (at most 10 s; the periodic refresh catches up otherwise). */
    public void refreshNow() {
        if (worker == null) {
            return;
        }
        try {
            worker.submit(this::rebuild).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("check-in snapshot rebuild did not finish; the periodic refresh retries", e);
        }
    }

    private void rebuild() {
        try {
            current.set(builder.build());
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.error("rebuilding the check-in snapshot failed; serving the previous one", e);
            }
        }
    }
}
