package dev.modelport.registry.filing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Read access to filings for other features (distribution gates, dossiers, the jurisdiction view). No tenancy check:
 * callers apply their own.
 */
@ApplicationScoped
public class Filings {

    @Inject
    FilingRepository filings;

    @Inject
    FilingDecisionRepository decisions;

    @Inject
    FilingService service;

    /**
     * The number of the APPROVED filing that covers {@code versionId} in {@code jurisdiction}, if there is one: what
     * a phone shows as "filed model" and what gates distribution there. When several approved filings cover the
     * version, the oldest one is named.
     */
    @Transactional
    public Optional<String> approvedFilingNumber(UUID versionId, String jurisdiction) {
        return filings.covering(versionId).stream()
                .filter(f -> f.jurisdiction.equals(jurisdiction) && f.status == FilingStatus.APPROVED)
                .map(f -> f.filingNumber).findFirst();
    }

    /** Every filing covering {@code versionId}, in any jurisdiction, with its decisions, oldest first. */
    @Transactional
    public List<FilingHistory> historyOf(UUID versionId) {
        return filings.covering(versionId).stream().map(this::history).toList();
    }

    /** One row per (version, filing) in {@code jurisdiction}. */
    @Transactional
    public List<FiledVersion> filedIn(String jurisdiction) {
        return filings.inJurisdiction(jurisdiction).stream().flatMap(f -> f.versionIds.stream()
                .map(v -> new FiledVersion(v, f.jurisdiction, f.filingNumber, f.status, f.id))).toList();
    }

    /**
     * Of several filings of one version, the one that says most about its standing: APPROVED before SUSPENDED before
     * SUBMITTED before REJECTED before WITHDRAWN.
     */
    public static Comparator<FiledVersion> mostTelling() {
        List<FilingStatus> order = List.of(FilingStatus.APPROVED, FilingStatus.SUSPENDED, FilingStatus.SUBMITTED,
                FilingStatus.REJECTED, FilingStatus.WITHDRAWN);
        return Comparator.comparingInt(f -> order.indexOf(f.status()));
    }

    private FilingHistory history(FilingEntity f) {
        List<FilingDecisionView> taken = decisions.ofFiling(f.id).stream().map(d -> new FilingDecisionView(
                d.decision, d.reason, d.decidedBy, d.decidedAt, d.actionLogIndex, d.recordLogIndex)).toList();
        return new FilingHistory(service.view(f), List.copyOf(f.versionIds), taken);
    }
}
