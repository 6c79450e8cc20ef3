package dev.modelport.registry.licensing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A licence offer as the API shows it. Amounts are decimal strings in {@code currency} (ISO 4217), never floats.
 * Exactly one of {@code spdxId} (an open licence) and {@code licenceTextDigest} (a custom licence text) is set.
 */
public record OfferView(UUID id, String model, String title, VersionRange versions, Allows allows, Long deviceCap,
                        List<String> territories, Instant termStart, Instant termEnd, String fee,
                        String royaltyPerActivation, String currency, String attribution, String spdxId,
                        String licenceTextDigest, OfferStatus status, Instant createdAt) {

    public OfferView {
        territories = List.copyOf(territories);
    }

    /** Inclusive range of MAJOR.MINOR.PATCH versions; {@code to} null means every later version too. */
    public record VersionRange(String from, String to) {
    }

    public record Allows(boolean fineTuning, boolean quantization, boolean deviceDistribution) {
    }
}
