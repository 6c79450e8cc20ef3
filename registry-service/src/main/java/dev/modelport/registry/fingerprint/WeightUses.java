package dev.modelport.registry.fingerprint;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which versions carry which weights: a version's artifacts and the outputs of its READY builds. Read-only SQL over
 * the catalog's and the builds' tables, because screening compares one version with every registered model of an
 * architecture and doing that through per-version service calls would be one query per model.
 */
@ApplicationScoped
class WeightUses {

    private static final String USES = "SELECT va.version_id, va.digest FROM version_artifact va "
            + "UNION SELECT b.version_id, b.output_digest FROM build b WHERE b.status = 'READY'";

    @Inject
    EntityManager em;

    /** A weight file of a registered version, with its fingerprint. */
    record Candidate(UUID versionId, String digest, String signature, Instant publishedAt) {
    }

    /** When a version was published; empty for a draft (one being published now is the newest). */
    @SuppressWarnings("unchecked")
    Optional<Instant> publishedAt(UUID versionId) {
        List<Object> rows = em.createNativeQuery("SELECT published_at FROM model_version WHERE id = ?1")
                .setParameter(1, versionId).getResultList();
        return rows.isEmpty() || rows.get(0) == null ? Optional.empty()
                : Optional.of(instant(rows.get(0)));
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }

    /** Released (not draft) versions that carry the weights {@code digest}. */
    @SuppressWarnings("unchecked")
    List<UUID> versionsUsing(String digest) {
        List<Object> rows = em.createNativeQuery("SELECT DISTINCT u.version_id FROM (" + USES + ") u "
                + "JOIN model_version v ON v.id = u.version_id WHERE u.digest = ?1 AND v.status <> 'DRAFT'")
                .setParameter(1, digest).getResultList();
        return rows.stream().map(r -> (UUID) r).toList();
    }

    /** Every weight file of one version (draft or not: a version is screened as it is published). */
    @SuppressWarnings("unchecked")
    List<String> digestsOf(UUID versionId) {
        return em.createNativeQuery("SELECT DISTINCT u.digest FROM (" + USES + ") u WHERE u.version_id = ?1")
                .setParameter(1, versionId).getResultList();
    }

    /** Fingerprinted weights of released versions of other model lines, with the same architecture and depth. */
    @SuppressWarnings("unchecked")
    List<Candidate> candidates(String architecture, int layers, UUID exceptModelId) {
        List<Object[]> rows = em.createNativeQuery("SELECT u.version_id, u.digest, f.signature, v.published_at FROM ("
                + USES + ") u "
                + "JOIN weight_fingerprint f ON f.digest = u.digest JOIN model_version v ON v.id = u.version_id "
                + "WHERE f.architecture = ?1 AND f.layers = ?2 AND v.status <> 'DRAFT' AND v.model_id <> ?3")
                .setParameter(1, architecture).setParameter(2, layers).setParameter(3, exceptModelId).getResultList();
        return rows.stream().map(r -> new Candidate((UUID) r[0], (String) r[1], (String) r[2],
                instant(r[3]))).toList();
    }
}
