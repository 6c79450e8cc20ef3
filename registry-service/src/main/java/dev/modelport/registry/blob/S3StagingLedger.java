package dev.modelport.registry.blob;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The state of uploads staged in the object store ({@code upload_s3_staging}), in PostgreSQL so that every instance
 * sees it. Each call is its own short transaction; an update names the version it read and fails if another request
 * changed the row meanwhile.
 */
@ApplicationScoped
class S3StagingLedger {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One uploaded part of the multipart upload. */
    record Part(int number, String etag, long size) {
    }

    /** Parts, then the tail object of fewer bytes than a part; {@code assembled}: the multipart upload completed. */
    record State(UUID uploadId, String s3UploadId, List<Part> parts, String tailKey, long tailLength,
                 boolean assembled, long version) {

        State {
            parts = List.copyOf(parts);
        }

        long partsLength() {
            return parts.stream().mapToLong(Part::size).sum();
        }

        long length() {
            return partsLength() + tailLength;
        }
    }

    @Inject
    EntityManager em;

    Optional<State> find(UUID uploadId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT s3_upload_id, parts, tail_key, tail_length, assembled, "
                    + "version FROM upload_s3_staging WHERE upload_id = ?1").setParameter(1, uploadId).getResultList();
            return rows.stream().findFirst().map(r -> new State(uploadId, (String) r[0], parts((String) r[1]),
                    (String) r[2], ((Number) r[3]).longValue(), (Boolean) r[4], ((Number) r[5]).longValue()));
        });
    }

    /** Records a new staging; false if another request created one for the upload first. */
    boolean insert(State s) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("INSERT INTO upload_s3_staging "
                        + "(upload_id, s3_upload_id, parts, tail_key, tail_length, assembled, version, updated_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7) ON CONFLICT DO NOTHING")
                .setParameter(1, s.uploadId()).setParameter(2, s.s3UploadId()).setParameter(3, json(s.parts()))
                .setParameter(4, s.tailKey()).setParameter(5, s.tailLength()).setParameter(6, s.assembled())
                .setParameter(7, Instant.now()).executeUpdate() == 1);
    }

    /** Replaces the state read at {@code read.version()}; false if it changed since. */
    boolean update(State read, List<Part> parts, String tailKey, long tailLength, boolean assembled) {
        return QuarkusTransaction.requiringNew().call(() -> updateRow(read, parts, tailKey, tailLength, assembled));
    }

    private boolean updateRow(State read, List<Part> parts, String tailKey, long tailLength, boolean assembled) {
        return em.createNativeQuery("UPDATE upload_s3_staging SET "
                        + "parts = ?1, tail_key = ?2, tail_length = ?3, assembled = ?4, version = version + 1, "
                        + "updated_at = ?5 WHERE upload_id = ?6 AND version = ?7")
                .setParameter(1, json(parts)).setParameter(2, tailKey).setParameter(3, tailLength)
                .setParameter(4, assembled).setParameter(5, Instant.now()).setParameter(6, read.uploadId())
                .setParameter(7, read.version()).executeUpdate() == 1;
    }

    /**
     * Records what a chunk appended and moves the upload's committed offset from {@code from} to {@code to}, in one
     * transaction: a request on another instance that wrote the same offset meanwhile makes either change fail, and
     * then neither is made (false). Recording both at once leaves no moment in which the staged bytes and the offset
     * another instance reports disagree.
     */
    boolean append(State read, List<Part> parts, String tailKey, long tailLength, long from, long to) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                int moved = em.createNativeQuery("UPDATE upload_session SET committed = ?1, updated_at = ?2, "
                                + "version = version + 1 WHERE id = ?3 AND committed = ?4 AND status = 'OPEN'")
                        .setParameter(1, to).setParameter(2, Instant.now()).setParameter(3, read.uploadId())
                        .setParameter(4, from).executeUpdate();
                if (moved != 1 || !updateRow(read, parts, tailKey, tailLength, false)) {
                    throw new Overtaken(); // rolls back whichever of the two was made
                }
            });
            return true;
        } catch (RuntimeException e) {
            if (e instanceof Overtaken || e.getCause() instanceof Overtaken) {
                return false;
            }
            throw e;
        }
    }

    /** Another request changed the upload or its staging since this one read them. */
    private static final class Overtaken extends RuntimeException {
        Overtaken() {
            super(null, null, false, false);
        }
    }

    void delete(UUID uploadId) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "DELETE FROM upload_s3_staging WHERE upload_id = ?1").setParameter(1, uploadId).executeUpdate());
    }

    private static String json(List<Part> parts) {
        try {
            return JSON.writeValueAsString(parts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Part> parts(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<Part>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored upload parts do not parse", e);
        }
    }
}
