package dev.modelport.registry.catalog;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Catalog filter on licence terms: models with an active offer that allows what is asked. Empty fields do not
 * filter.
 */
public record LicenceTerms(boolean fineTuning, boolean quantization, boolean distribution, Optional<String> territory,
                           Optional<String> spdxId) {

    public boolean isEmpty() {
        return !fineTuning && !quantization && !distribution && territory.isEmpty() && spdxId.isEmpty();
    }

    /** Implemented by the licensing feature, which the catalog must not depend on. */
    public interface Index {
        /** Ids of the models that have an active offer matching {@code terms}. */
        Set<UUID> modelsOffering(LicenceTerms terms);
    }
}
