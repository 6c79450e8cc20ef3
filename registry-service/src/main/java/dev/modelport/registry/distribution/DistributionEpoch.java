package dev.modelport.registry.distribution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * A counter every distribution change moves in its own transaction; the check-in snapshot carries the value it was
 * built at. The same transaction publishes {@link RemoteChange#DISTRIBUTION} on the {@link ChangeFeed}, so other
 * instances rebuild their snapshots as soon as it commits.
 */
@ApplicationScoped
public class DistributionEpoch {

    @Inject
    EntityManager em;

    @Inject
    Event<DistributionChanged> changed;

    @Inject
    ChangeFeed feed;

    /** Moves the epoch and announces the change; joins the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void bump(String why) {
        em.createNativeQuery("UPDATE distribution_epoch SET epoch = epoch + 1 WHERE id = 1").executeUpdate();
        feed.publish(RemoteChange.DISTRIBUTION);
        changed.fire(new DistributionChanged(why));
    }

    @Transactional
    public long current() {
        return ((Number) em.createNativeQuery("SELECT epoch FROM distribution_epoch WHERE id = 1").getSingleResult())
                .longValue();
    }
}
