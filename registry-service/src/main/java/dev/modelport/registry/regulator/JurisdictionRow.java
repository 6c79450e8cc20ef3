package dev.modelport.registry.regulator;

import java.util.List;

/**
 * One model version filed or held in a jurisdiction. {@code filingNumber}/{@code filingStatus} come from the filing
 * that says most about it (approved before suspended before submitted before rejected before withdrawn);
 * {@code devices} counts devices of the jurisdiction running a build of the version ({@link DeviceCounts});
 * {@code openFindings} counts undecided provenance findings ({@link FingerprintFindings}); either is null when its
 * source has no answer.
 */
public record JurisdictionRow(String version, String owner, String versionStatus, String filingNumber,
                              String filingStatus, String provenanceClass, String claim, boolean held,
                              List<String> activeHolds, Integer openFindings, Long devices) {

    public JurisdictionRow {
        activeHolds = List.copyOf(activeHolds);
    }

    static final List<String> CSV_HEADER = List.of("version", "owner", "version_status", "filing_number",
            "filing_status", "provenance_class", "claim", "held", "active_holds", "open_findings", "devices");

    List<String> csvCells() {
        return List.of(version, owner, versionStatus, text(filingNumber), text(filingStatus), text(provenanceClass),
                text(claim), Boolean.toString(held), String.join(" ", activeHolds), text(openFindings),
                text(devices));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
