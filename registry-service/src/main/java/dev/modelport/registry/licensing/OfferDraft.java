package dev.modelport.registry.licensing;

import dev.modelport.registry.catalog.SemVer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/** The terms a vendor states in an offer; validated by the resource, checked for consistency by the service. */
public record OfferDraft(String title, SemVer from, SemVer to, boolean fineTuning, boolean quantization,
                         boolean deviceDistribution, Long deviceCap, Set<String> territories, Instant termStart,
                         Instant termEnd, BigDecimal fee, BigDecimal royaltyPerActivation, String currency,
                         String attribution, String spdxId, String licenceTextDigest) {

    public OfferDraft {
        territories = Set.copyOf(territories);
    }
}
