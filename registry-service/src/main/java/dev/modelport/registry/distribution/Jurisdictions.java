package dev.modelport.registry.distribution;

import java.util.Set;

/** Which jurisdictions a device region (ISO 3166-1 alpha-2) falls under: its own code, and EU for member states. */
public final class Jurisdictions {

    public static final String EU = "EU";
    private static final Set<String> EU_MEMBERS = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
            "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    private Jurisdictions() {
    }

    public static Set<String> of(String region) {
        if (region == null) {
            return Set.of();
        }
        return EU_MEMBERS.contains(region) ? Set.of(region, EU) : Set.of(region);
    }

    /** Whether a set of licensed territories (which may name EU) includes {@code region}. */
    public static boolean covered(Set<String> territories, String region) {
        return of(region).stream().anyMatch(territories::contains);
    }
}
