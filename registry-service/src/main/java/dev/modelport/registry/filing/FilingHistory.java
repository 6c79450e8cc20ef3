package dev.modelport.registry.filing;

import java.util.List;
import java.util.UUID;

/** A filing with every decision taken on it, oldest first, and the ids of the versions it covers. */
public record FilingHistory(FilingView filing, List<UUID> versionIds, List<FilingDecisionView> decisions) {

    public FilingHistory {
        versionIds = List.copyOf(versionIds);
        decisions = List.copyOf(decisions);
    }
}
