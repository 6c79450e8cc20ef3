package dev.modelport.registry.regulator;

import dev.modelport.registry.catalog.VersionRef;
import dev.modelport.registry.catalog.VersionService;
import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.compliance.ComplianceService;
import dev.modelport.registry.filing.FiledVersion;
import dev.modelport.registry.filing.Filings;
import dev.modelport.registry.provenance.ProvenanceService;
import dev.modelport.registry.provenance.ProvenanceView;
import dev.modelport.registry.tenancy.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The regulator's view of a jurisdiction: every model version filed or held there, with its filing status,
 * provenance class, holds, open findings and device count. For regulators of that jurisdiction and admins.
 *
 * <p>Rows are assembled in memory and paged by version name: a jurisdiction's filed versions number in the
 * thousands at most. Move the join into SQL when that stops being true.
 */
@ApplicationScoped
public class JurisdictionService {

    @Inject
    Filings filings;

    @Inject
    ComplianceService holds;

    @Inject
    VersionService versions;

    @Inject
    ProvenanceService provenance;

    @Inject
    FingerprintFindings findings;

    @Inject
    DeviceCounts devices;

    @Transactional
    public Page<JurisdictionRow> page(Caller caller, String jurisdiction, String cursor, int limit) {
        String after = Cursor.decode(cursor);
        List<JurisdictionRow> rows = all(caller, jurisdiction).stream()
                .filter(r -> after.isEmpty() || r.version().compareTo(after) > 0).limit(limit + 1L).toList();
        return Page.of(rows, limit, JurisdictionRow::version);
    }

    @Transactional
    public List<JurisdictionRow> all(Caller caller, String jurisdiction) {
        requireRegulatorOf(caller, jurisdiction);
        Map<UUID, FiledVersion> filed = new HashMap<>();
        filings.filedIn(jurisdiction).forEach(f -> filed.merge(f.versionId(), f,
                (a, b) -> Filings.mostTelling().compare(a, b) <= 0 ? a : b));
        Map<UUID, List<UUID>> held = holds.heldIn(jurisdiction);
        Set<UUID> ids = new LinkedHashSet<>(filed.keySet());
        ids.addAll(held.keySet());
        List<JurisdictionRow> rows = new ArrayList<>();
        for (UUID id : ids) {
            List<String> active = held.getOrDefault(id, List.of()).stream().map(UUID::toString).toList();
            rows.add(row(caller, versions.ref(id), jurisdiction, filed.get(id), active));
        }
        rows.sort(Comparator.comparing(JurisdictionRow::version));
        return rows;
    }

    private JurisdictionRow row(Caller caller, VersionRef v, String jurisdiction, FiledVersion filing,
                                List<String> activeHolds) {
        Optional<ProvenanceView> p = provenanceOf(caller, v);
        Integer open = findings.of(v.id()).map(r -> (int) r.findings().stream()
                .filter(f -> "OPEN".equals(f.status())).count()).orElse(null);
        var count = devices.devices(v.id(), jurisdiction);
        return new JurisdictionRow(v.fullName(), v.model().owner().slug(), v.status().name(),
                filing == null ? null : filing.filingNumber(), filing == null ? null : filing.status().name(),
                p.map(x -> x.provenanceClass().name()).orElse(null),
                p.map(ProvenanceView::claim).map(c -> c.claim().name()).orElse(null), !activeHolds.isEmpty(),
                activeHolds, open, count.isPresent() ? count.getAsLong() : null);
    }

    private Optional<ProvenanceView> provenanceOf(Caller caller, VersionRef v) {
        try {
            return Optional.of(provenance.provenance(caller, v.model().owner().slug(), v.model().slug(),
                    v.version().toString()));
        } catch (DomainException e) {
            return Optional.empty(); // not readable by this regulator: the class stays blank rather than guessed
        }
    }

    private static void requireRegulatorOf(Caller caller, String jurisdiction) {
        boolean regulator = caller.isRegulator()
                && caller.org().map(o -> o.jurisdictions().contains(jurisdiction)).orElse(false);
        if (!regulator && !caller.isAdmin()) {
            throw DomainException.forbidden("only regulators of " + jurisdiction + " and admins see its view");
        }
    }
}
