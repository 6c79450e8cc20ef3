package dev.modelport.registry.trust.log;

import dev.modelport.signing.tlog.HashStore;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A {@link HashStore} over the log tables at a fixed tree size. {@link #compute} runs a proof computation twice:
 * once against a recorder to learn which complete subtrees it reads (the RFC 6962 recursion depends only on sizes,
 * never on hash values), then against the hashes fetched in one round trip. A proof is thus O(log n) rows in at
 * most two queries, whatever the tree size.
 */
final class DbHashStore implements HashStore {

    private static final byte[] PLACEHOLDER = new byte[32];

    private final LogStore store;
    private final long size;
    private final Map<NodeKey, byte[]> prefetched;

    private DbHashStore(LogStore store, long size, Map<NodeKey, byte[]> prefetched) {
        this.store = store;
        this.size = size;
        this.prefetched = prefetched;
    }

    /** Evaluates {@code computation} (for example a {@code MerkleProofs} call) over the tree of {@code size}. */
    static <T> T compute(LogStore store, long size, Function<HashStore, T> computation) throws SQLException {
        Set<NodeKey> wanted = new HashSet<>();
        computation.apply(new HashStore() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public byte[] nodeHash(int level, long index) {
                wanted.add(new NodeKey(level, index));
                return PLACEHOLDER;
            }
        });
        return computation.apply(new DbHashStore(store, size, store.hashes(wanted)));
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public byte[] nodeHash(int level, long index) {
        byte[] hash = prefetched.get(new NodeKey(level, index));
        if (hash != null) {
            return hash.clone();
        }
        try { // not prefetched: read it on its own
            hash = store.hashes(List.of(new NodeKey(level, index))).get(new NodeKey(level, index));
        } catch (SQLException e) {
            throw new UncheckedIOException(new java.io.IOException(e));
        }
        if (hash == null) {
            throw new IllegalStateException("the log has no stored hash for subtree " + level + "/" + index);
        }
        return hash;
    }
}
