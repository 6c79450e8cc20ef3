package dev.modelport.registry.fingerprint;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
class FindingRepository implements PanacheRepositoryBase<FindingEntity, UUID> {

    /** The queue's sort key: versions claiming "self-developed" first, then oldest first. */
    record Key(int priority, Instant createdAt, UUID id) {
        String encode() {
            return priority + "/" + createdAt + "/" + id;
        }

        static Optional<Key> decode(String text) {
            if (text.isEmpty()) {
                return Optional.empty();
            }
            String[] p = text.split("/", 3);
            return Optional.of(new Key(Integer.parseInt(p[0]), Instant.parse(p[1]), UUID.fromString(p[2])));
        }
    }

    record Row(FindingEntity finding, Key key) {
    }

    boolean existsForPair(UUID a, UUID b) {
        return count("(versionId = ?1 and matchedVersionId = ?2) or (versionId = ?2 and matchedVersionId = ?1)", a, b) > 0;
    }

    List<FindingEntity> ofVersion(UUID versionId) {
        return list("versionId = ?1 order by createdAt", versionId);
    }

    /**
     * One page of the queue. {@code owners} null means every owner (admins); {@code status} and {@code versionId}
     * null mean any.
     */
    @SuppressWarnings("unchecked")
    List<Row> page(List<UUID> owners, FindingStatus status, UUID versionId, Optional<Key> after, int rows) {
        StringBuilder sql = new StringBuilder("SELECT f.id, CASE WHEN c.claim = 'SELF_DEVELOPED' THEN 0 ELSE 1 END AS p,"
                + " f.created_at FROM provenance_finding f LEFT JOIN provenance_claim c ON c.version_id = f.version_id"
                + " WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (owners != null) {
            if (owners.isEmpty()) {
                return List.of();
            }
            params.add(owners);
            sql.append(" AND f.owner_id IN (?").append(params.size()).append(")");
        }
        if (status != null) {
            params.add(status.name());
            sql.append(" AND f.status = ?").append(params.size());
        }
        if (versionId != null) {
            params.add(versionId);
            sql.append(" AND f.version_id = ?").append(params.size());
        }
        if (after.isPresent()) {
            params.add(after.get().priority());
            params.add(after.get().createdAt());
            params.add(after.get().id());
            int n = params.size();
            sql.append(" AND (CASE WHEN c.claim = 'SELF_DEVELOPED' THEN 0 ELSE 1 END, f.created_at, f.id) > (?")
                    .append(n - 2).append(", ?").append(n - 1).append(", ?").append(n).append(")");
        }
        sql.append(" ORDER BY p, f.created_at, f.id LIMIT ").append(rows);
        var query = getEntityManager().createNativeQuery(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        List<Object[]> result = query.getResultList();
        List<Row> out = new ArrayList<>();
        for (Object[] r : result) {
            FindingEntity f = findById((UUID) r[0]);
            out.add(new Row(f, new Key(((Number) r[1]).intValue(), f.createdAt, f.id)));
        }
        return out;
    }
}
