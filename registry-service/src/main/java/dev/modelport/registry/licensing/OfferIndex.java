package dev.modelport.registry.licensing;

import dev.modelport.registry.catalog.LicenceTerms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Lets the catalog search by licence terms: the models with an active, unexpired offer granting them. */
@ApplicationScoped
class OfferIndex implements LicenceTerms.Index {

    @Inject
    OfferRepository offers;

    @Override
    @Transactional
    public Set<UUID> modelsOffering(LicenceTerms terms) {
        Instant now = Instant.now();
        return offers.active().stream()
                .filter(o -> now.isBefore(o.termEnd))
                .filter(o -> !terms.fineTuning() || o.allowFineTuning)
                .filter(o -> !terms.quantization() || o.allowQuantization)
                .filter(o -> !terms.distribution() || o.allowDistribution)
                .filter(o -> terms.territory().map(o.territories::contains).orElse(true))
                .filter(o -> terms.spdxId().map(id -> id.equalsIgnoreCase(o.spdxId)).orElse(true))
                .map(o -> o.modelId).collect(Collectors.toSet());
    }
}
