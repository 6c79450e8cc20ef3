package dev.modelport.registry.trust.log;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The log's tables through plain JDBC on the caller's connection (which, inside a transaction, is the transaction's):
 * proofs need many (level, index) lookups answered by one query, and appends an advisory lock, neither of which an
 * entity model expresses well. Level 0 of the tree is {@code tlog_leaf.leaf_hash}; higher levels are
 * {@code tlog_node}.
 */
final class LogStore {

    /** Advisory lock key serialising appends: the tree must never fork. */
    private static final long APPEND_LOCK = 0x4d50_544c_4f47L;

    record Head(long size, byte[] rootHash, String checkpoint) {
    }

    record Leaf(long index, byte[] leafHash, byte[] entry, String predicateType, String subjectDigest,
                Instant createdAt) {
    }

    private final Connection c;

    LogStore(Connection c) {
        this.c = c;
    }

    void lock() throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?)) l")) {
            s.setLong(1, APPEND_LOCK);
            s.executeQuery().close();
        }
    }

    Optional<Head> head() throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT tree_size, root_hash, checkpoint FROM tlog_head WHERE id = 1");
             ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(new Head(r.getLong(1), r.getBytes(2), r.getString(3))) : Optional.empty();
        }
    }

    void saveHead(Head head) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO tlog_head (id, tree_size, root_hash, checkpoint, "
                + "updated_at) VALUES (1, ?, ?, ?, now()) ON CONFLICT (id) DO UPDATE SET tree_size = excluded.tree_size, "
                + "root_hash = excluded.root_hash, checkpoint = excluded.checkpoint, updated_at = excluded.updated_at")) {
            s.setLong(1, head.size());
            s.setBytes(2, head.rootHash());
            s.setString(3, head.checkpoint());
            s.executeUpdate();
        }
    }

    void insertLeaf(Leaf leaf) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO tlog_leaf (idx, leaf_hash, entry, predicate_type, "
                + "subject_digest, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, leaf.index());
            s.setBytes(2, leaf.leafHash());
            s.setBytes(3, leaf.entry());
            s.setString(4, leaf.predicateType());
            s.setString(5, leaf.subjectDigest());
            s.setTimestamp(6, Timestamp.from(leaf.createdAt()));
            s.executeUpdate();
        }
    }

    void insertNodes(Map<NodeKey, byte[]> nodes) throws SQLException {
        if (nodes.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO tlog_node (level, idx, hash) VALUES (?, ?, ?)")) {
            for (Map.Entry<NodeKey, byte[]> n : nodes.entrySet()) {
                s.setShort(1, (short) n.getKey().level());
                s.setLong(2, n.getKey().index());
                s.setBytes(3, n.getValue());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The hashes of the given complete subtrees, in at most two queries. */
    Map<NodeKey, byte[]> hashes(Collection<NodeKey> keys) throws SQLException {
        Map<NodeKey, byte[]> out = new HashMap<>();
        List<Long> leaves = new ArrayList<>();
        List<Short> levels = new ArrayList<>();
        List<Long> indexes = new ArrayList<>();
        for (NodeKey k : keys) {
            if (k.level() == 0) {
                leaves.add(k.index());
            } else {
                levels.add((short) k.level());
                indexes.add(k.index());
            }
        }
        if (!leaves.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("SELECT idx, leaf_hash FROM tlog_leaf WHERE idx = ANY(?)")) {
                s.setArray(1, c.createArrayOf("bigint", leaves.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(new NodeKey(0, r.getLong(1)), r.getBytes(2));
                    }
                }
            }
        }
        if (!levels.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("SELECT n.level, n.idx, n.hash FROM tlog_node n "
                    + "JOIN unnest(?::smallint[], ?::bigint[]) AS k(level, idx) ON n.level = k.level AND n.idx = k.idx")) {
                Array lv = c.createArrayOf("smallint", levels.toArray());
                Array ix = c.createArrayOf("bigint", indexes.toArray());
                s.setArray(1, lv);
                s.setArray(2, ix);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(new NodeKey(r.getShort(1), r.getLong(2)), r.getBytes(3));
                    }
                }
            }
        }
        return out;
    }

    Optional<Leaf> leaf(long index) throws SQLException {
        return one("WHERE idx = ?", s -> s.setLong(1, index));
    }

    Optional<Leaf> leafByHash(byte[] leafHash) throws SQLException {
        return one("WHERE leaf_hash = ?", s -> s.setBytes(1, leafHash));
    }

    /** Leaves in index order from {@code from}, at most {@code count}. */
    List<Leaf> leaves(long from, int count) throws SQLException {
        return many("WHERE idx >= ? ORDER BY idx LIMIT ?", s -> {
            s.setLong(1, from);
            s.setInt(2, count);
        });
    }

    /** Leaves about a subject digest with a given predicate type, oldest first. */
    List<Leaf> about(String subjectDigest, String predicateType) throws SQLException {
        return many("WHERE subject_digest = ? AND predicate_type = ? ORDER BY idx", s -> {
            s.setString(1, subjectDigest);
            s.setString(2, predicateType);
        });
    }

    /** Stored nodes of one level in index order from {@code from}, at most {@code count}. */
    Map<Long, byte[]> nodes(int level, long from, int count) throws SQLException {
        Map<Long, byte[]> out = new java.util.LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT idx, hash FROM tlog_node WHERE level = ? AND idx >= ? ORDER BY idx LIMIT ?")) {
            s.setShort(1, (short) level);
            s.setLong(2, from);
            s.setInt(3, count);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getLong(1), r.getBytes(2));
                }
            }
        }
        return out;
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private Optional<Leaf> one(String where, Binder binder) throws SQLException {
        List<Leaf> rows = many(where, binder);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private List<Leaf> many(String where, Binder binder) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT idx, leaf_hash, entry, predicate_type, subject_digest, "
                + "created_at FROM tlog_leaf " + where)) {
            binder.bind(s);
            List<Leaf> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Leaf(r.getLong(1), r.getBytes(2), r.getBytes(3), r.getString(4), r.getString(5),
                            r.getTimestamp(6).toInstant()));
                }
            }
            return out;
        }
    }
}
