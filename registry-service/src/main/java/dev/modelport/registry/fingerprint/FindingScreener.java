package dev.modelport.registry.fingerprint;

import dev.modelport.gguf.fingerprint.FingerprintSimilarity;
import dev.modelport.gguf.fingerprint.WeightFingerprint;
import dev.modelport.registry.catalog.VersionRef;
import dev.modelport.registry.catalog.VersionService;
import dev.modelport.registry.provenance.LineageService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Compares a version's weight fingerprints with those of every registered model of the same architecture and
 * depth. A match with a version outside the declared lineage (neither ancestor nor descendant, and not the same
 * model line) opens a finding on the version screened, naming the best-matching weights. One finding per pair of
 * versions: the pair is screened from whichever side comes second.
 */
@ApplicationScoped
class FindingScreener {

    private static final Logger LOG = Logger.getLogger(FindingScreener.class);

    @Inject
    WeightUses uses;

    @Inject
    FingerprintRepository fingerprints;

    @Inject
    FindingRepository findings;

    @Inject
    VersionService versions;

    @Inject
    LineageService lineage;

    @Inject
    Clock clock;

    private record Match(String digest, WeightUses.Candidate candidate, double score) {
    }

    /** Joins the caller's transaction (a publication, a build becoming READY) or starts one (a fingerprint job). */
    @Transactional
    void screen(UUID versionId) {
        VersionRef version = versions.ref(versionId);
        Set<UUID> lineageOf = lineage.relatives(versionId);
        Map<UUID, Match> best = new HashMap<>();
        for (String digest : uses.digestsOf(versionId)) {
            FingerprintEntity own = fingerprints.findById(digest);
            if (own == null || own.layers < FingerprintSimilarity.MIN_LAYERS) {
                continue; // not fingerprinted yet (its job screens again) or too shallow to compare
            }
            WeightFingerprint fp = WeightFingerprint.decode(own.signature);
            for (WeightUses.Candidate c : uses.candidates(own.architecture, own.layers, version.model().id())) {
                if (lineageOf.contains(c.versionId())) {
                    continue;
                }
                FingerprintSimilarity s = fp.compareTo(WeightFingerprint.decode(c.signature()));
                Match m = best.get(c.versionId());
                if (s.isMatch() && (m == null || s.score() > m.score())) {
                    best.put(c.versionId(), new Match(digest, c, s.score()));
                }
            }
        }
        Instant published = uses.publishedAt(versionId).orElse(Instant.MAX);
        best.values().forEach(m -> open(version, published, m));
    }

    /**
     * The finding is about the version registered later: the earlier registration has priority, whichever side's
     * fingerprint happened to be computed first.
     */
    private void open(VersionRef screened, Instant screenedPublished, Match m) {
        if (findings.existsForPair(screened.id(), m.candidate().versionId())) {
            return;
        }
        boolean screenedIsLater = !screenedPublished.isBefore(m.candidate().publishedAt());
        VersionRef version = screenedIsLater ? screened : versions.ref(m.candidate().versionId());
        FindingEntity f = new FindingEntity();
        f.id = UUID.randomUUID();
        f.versionId = version.id();
        f.ownerId = version.model().owner().id();
        f.matchedVersionId = screenedIsLater ? m.candidate().versionId() : screened.id();
        f.digest = screenedIsLater ? m.digest() : m.candidate().digest();
        f.matchedDigest = screenedIsLater ? m.candidate().digest() : m.digest();
        f.score = m.score();
        f.status = FindingStatus.OPEN;
        f.createdAt = clock.instant();
        findings.persist(f);
        LOG.infof("provenance finding %s: %s matches version %s (score %.3f)", f.id, version.fullName(),
                f.matchedVersionId, f.score);
    }
}
