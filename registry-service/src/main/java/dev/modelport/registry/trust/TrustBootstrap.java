package dev.modelport.registry.trust;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** On start (after Flyway has migrated): the trust root, online keys and log head exist before any request. */
@ApplicationScoped
class TrustBootstrap {

    @Inject
    TrustKeyService keys;

    void onStart(@Observes StartupEvent event) {
        keys.ensurePlatformKeys();
    }
}
