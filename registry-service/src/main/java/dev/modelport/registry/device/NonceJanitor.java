package dev.modelport.registry.device;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Nonces older than the replay window can never be accepted again anyway; drop them so the table stays small. */
@ApplicationScoped
class NonceJanitor {

    @Inject
    DeviceService devices;

    @Scheduled(every = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        devices.forgetOldNonces();
    }
}
