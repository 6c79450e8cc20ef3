package dev.modelport.registry.provenance;

import java.util.List;
import java.util.UUID;

/**
 * Evidence about a version's provenance that other features find (weight fingerprints), plugged in here so the
 * dependency points from them to provenance. A finding that is OPEN or CONFIRMED contradicts "self-developed".
 */
public interface ProvenanceEvidence {

    List<ProvenanceView.FindingNote> findingsOf(UUID versionId);
}
