package dev.modelport.registry.compliance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.concurrent.atomic.AtomicInteger;

/** Test observer: counts {@link HoldsChanged} events delivered after a successful commit, as distribution observes. */
@ApplicationScoped
public class HoldsChangedRecorder {

    private final AtomicInteger afterCommit = new AtomicInteger();

    /** Events delivered so far (a method: fields of a client proxy are not the bean's). */
    public int count() {
        return afterCommit.get();
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) HoldsChanged event) {
        afterCommit.incrementAndGet();
    }
}
