package dev.modelport.registry.trust.tuf;

import dev.modelport.registry.trust.TrustKeyService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps metadata fresh: re-signs root, targets, snapshot and timestamp before they expire, so devices never see
 * expired metadata while an attacker who freezes a mirror is still caught by the short timestamp lifetime. Each
 * repository is refreshed in its own transaction; safe on any number of instances (row locks).
 */
@ApplicationScoped
class TrustRefreshJob {

    private static final Logger LOG = Logger.getLogger(TrustRefreshJob.class);

    @Inject
    TrustKeyService keys;

    @Inject
    TufRepositoryService repositories;

    @Scheduled(every = "{modelport.trust.tuf.refresh-every}", delayed = "{modelport.trust.tuf.refresh-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (keys.refreshRootIfExpiring()) {
            LOG.info("root.json re-signed before expiry");
        }
        int refreshed = 0;
        for (UUID id : repositories.repositoryIds()) {
            try {
                refreshed += repositories.refresh(id) ? 1 : 0;
            } catch (RuntimeException e) {
                LOG.errorf(e, "refreshing TUF repository %s failed", id);
            }
        }
        if (refreshed > 0) {
            LOG.infof("re-signed expiring metadata of %d TUF repositories", refreshed);
        }
    }
}
