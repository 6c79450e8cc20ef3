package dev.modelport.registry.trust.log;

import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.trust.KeyRole;
import dev.modelport.registry.trust.KeyStatus;
import dev.modelport.registry.trust.TrustConfig;
import dev.modelport.registry.trust.TrustKeyService;
import dev.modelport.signing.dsse.DsseVerifier;
import dev.modelport.signing.dsse.Envelope;
import dev.modelport.signing.dsse.EnvelopeSignature;
import dev.modelport.signing.intoto.KeyEventPredicate;
import dev.modelport.signing.intoto.Statement;
import dev.modelport.signing.key.Ed25519PublicKey;
import dev.modelport.signing.key.Ed25519Signer;
import dev.modelport.signing.key.SignatureVerificationException;
import dev.modelport.signing.tlog.Checkpoint;
import dev.modelport.signing.tlog.InMemoryHashStore;
import dev.modelport.signing.tlog.MerkleProofs;
import dev.modelport.signing.tlog.NoteVerifierKey;
import dev.modelport.signing.tlog.Rfc6962;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The transparency log: an append-only RFC 6962/9162 Merkle tree of DSSE-enveloped in-toto statements in
 * PostgreSQL, with a C2SP checkpoint signed by the platform's checkpoint key after every append.
 *
 * <p>Other features call {@link #append(Envelope)} (or {@link #signAndAppend(Statement)}) inside their own
 * transaction, so a statement is logged exactly when the change it describes commits. Appends are serialised by a
 * transaction-scoped advisory lock, held until that transaction ends: keep the work after an append short.
 */
@ApplicationScoped
public class TransparencyLog {

    private static final HexFormat HEX = HexFormat.of();
    private static final int MAX_PROBLEMS = 100;
    private static final int SCAN_BATCH = 5_000;

    @Inject
    DataSource db;

    @Inject
    TrustKeyService keys;

    @Inject
    TrustConfig config;

    /** The checkpoint origin, e.g. {@code modelport.dev/log/local}; also the note key name. */
    public String origin() {
        return config.log().origin();
    }

    // ------------------------------------------------------------------ writes

    /**
     * Appends a signed in-toto statement envelope and returns its entry. Idempotent: appending the same envelope
     * again returns the existing entry.
     *
     * @throws DomainException LOG_ENTRY_REJECTED unless the envelope holds an in-toto statement with a valid
     *     signature by a known, unrevoked key
     */
    @Transactional
    public LogEntry append(Envelope envelope) {
        Statement statement = acceptable(envelope);
        byte[] entry = envelope.toJsonBytes();
        byte[] leafHash = Rfc6962.leafHash(entry);
        return withStore(store -> {
            store.lock();
            Optional<LogStore.Leaf> existing = store.leafByHash(leafHash);
            if (existing.isPresent()) {
                return entryOf(existing.get());
            }
            LogStore.Head head = store.head().orElseThrow(() -> new IllegalStateException("log not initialised"));
            long index = head.size();
            LogStore.Leaf leaf = new LogStore.Leaf(index, leafHash, entry, statement.predicateType(),
                    statement.subjects().get(0).sha256(), Instant.now().truncatedTo(ChronoUnit.MICROS));
            store.insertLeaf(leaf);
            store.insertNodes(completedSubtrees(store, index, leafHash));
            long size = index + 1;
            byte[] root = DbHashStore.compute(store, size, s -> MerkleProofs.rootHash(s, size));
            store.saveHead(new LogStore.Head(size, root, signCheckpoint(size, root)));
            return entryOf(leaf);
        });
    }

    /** Signs {@code statement} as the platform (top-level targets key) and appends it. */
    @Transactional
    public LogEntry signAndAppend(Statement statement) {
        return append(keys.signAsPlatform(statement));
    }

    /**
     * Takes the append lock now, for the rest of the caller's transaction. Every append takes it anyway; a
     * transaction that must hold another lock across an append (the audit head) takes this one first, so all
     * transactions take the two in the same order and cannot deadlock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockForAppend() {
        withStore(store -> {
            store.lock();
            return null;
        });
    }

    /** Creates the empty tree's signed checkpoint if the log has no head yet. */
    @Transactional
    public void ensureHead() {
        withStore(store -> {
            store.lock();
            if (store.head().isEmpty()) {
                byte[] root = Rfc6962.emptyRoot();
                store.saveHead(new LogStore.Head(0, root, signCheckpoint(0, root)));
            }
            return null;
        });
    }

    /** Signs the current head again, with the current checkpoint key (after a rotation). */
    @Transactional
    public void resignHead() {
        withStore(store -> {
            store.lock();
            LogStore.Head head = store.head().orElseThrow(() -> new IllegalStateException("log not initialised"));
            store.saveHead(new LogStore.Head(head.size(), head.rootHash(), signCheckpoint(head.size(),
                    head.rootHash())));
            return null;
        });
    }

    // ------------------------------------------------------------------ reads

    /** The latest signed checkpoint note. */
    public String checkpoint() {
        return withStore(store -> head(store).checkpoint());
    }

    public Optional<StoredEntry> entry(long index) {
        return withStore(store -> store.leaf(index).map(l -> new StoredEntry(entryOf(l), l.entry())));
    }

    public Optional<StoredEntry> entryByLeafHash(String leafHashHex) {
        byte[] hash = parseHash(leafHashHex, "leafHash");
        return withStore(store -> store.leafByHash(hash).map(l -> new StoredEntry(entryOf(l), l.entry())));
    }

    /** Inclusion proof of the leaf with {@code leafHashHex} in the tree of {@code treeSize} (default: latest). */
    public InclusionProof inclusionProof(String leafHashHex, Long treeSize) {
        byte[] hash = parseHash(leafHashHex, "leafHash");
        return withStore(store -> {
            LogStore.Leaf leaf = store.leafByHash(hash)
                    .orElseThrow(() -> DomainException.notFound("log entry with leaf hash " + leafHashHex));
            long size = treeSize != null ? treeSize : head(store).size();
            checkSize(store, size, "treeSize");
            if (leaf.index() >= size) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, "leaf " + leaf.index()
                        + " is not in the tree of size " + size);
            }
            return proofOf(store, leaf.index(), size);
        });
    }

    public ConsistencyProof consistencyProof(long from, long to) {
        return withStore(store -> {
            checkSize(store, to, "to");
            if (from < 0 || from > to) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, "from must be within 0.." + to);
            }
            record Result(byte[] fromRoot, byte[] toRoot, List<byte[]> proof) {
            }
            Result r = DbHashStore.compute(store, to, s -> new Result(MerkleProofs.rootHash(s, from),
                    MerkleProofs.rootHash(s, to), MerkleProofs.consistencyProof(s, from, to)));
            return new ConsistencyProof(from, to, HEX.formatHex(r.fromRoot()), HEX.formatHex(r.toRoot()),
                    hexAll(r.proof()));
        });
    }

    /** The offline-verification bundle of one logged statement, proved against the latest checkpoint. */
    public LogBundle bundle(String leafHashHex) {
        byte[] hash = parseHash(leafHashHex, "leafHash");
        return withStore(store -> {
            LogStore.Leaf leaf = store.leafByHash(hash)
                    .orElseThrow(() -> DomainException.notFound("log entry with leaf hash " + leafHashHex));
            LogStore.Head head = head(store);
            Set<String> keyIds = new LinkedHashSet<>();
            Envelope.fromJson(leaf.entry()).signatures().stream().map(EnvelopeSignature::keyId).forEach(keyIds::add);
            keys.keysOf(KeyRole.CHECKPOINT).stream().filter(k -> k.status() == KeyStatus.ACTIVE)
                    .forEach(k -> keyIds.add(k.keyId()));
            Map<Long, byte[]> events = new LinkedHashMap<>();
            for (String keyId : keyIds) {
                for (LogStore.Leaf e : store.about(keyId, KeyEventPredicate.PREDICATE_TYPE)) {
                    if (e.index() < head.size()) {
                        events.put(e.index(), e.entry());
                    }
                }
            }
            return new LogBundle(LogBundle.MEDIA_TYPE, leaf.entry(), entryOf(leaf),
                    proofOf(store, leaf.index(), head.size()), head.checkpoint(), origin(),
                    new ArrayList<>(events.values()));
        });
    }

    /** The note keys that may have signed checkpoints of this log: every checkpoint key not revoked. */
    public List<NoteVerifierKey> verifierKeys() {
        return keys.keysOf(KeyRole.CHECKPOINT).stream().filter(k -> k.status() != KeyStatus.REVOKED)
                .map(k -> new NoteVerifierKey(origin(), Ed25519PublicKey.fromHex(k.publicKey()))).toList();
    }

    /**
     * Re-derives every leaf hash from the stored envelope, rebuilds the tree, and compares it with the stored
     * leaf hashes, the stored subtree hashes, the head and the signed checkpoint. Detects any edit of a stored row.
     */
    public IntegrityReport verifyIntegrity() {
        return withStore(store -> {
            List<String> problems = new ArrayList<>();
            LogStore.Head head = head(store);
            try {
                Checkpoint cp = Checkpoint.verify(head.checkpoint(), origin(), verifierKeys());
                if (cp.size() != head.size() || !MessageDigest.isEqual(cp.rootHash(), head.rootHash())) {
                    problems.add("the signed checkpoint does not describe the stored head");
                }
            } catch (SignatureVerificationException e) {
                problems.add("the stored checkpoint does not verify: " + e.getMessage());
            }
            InMemoryHashStore rebuilt = new InMemoryHashStore();
            for (long next = 0; next < head.size(); ) {
                List<LogStore.Leaf> batch = store.leaves(next, SCAN_BATCH);
                if (batch.isEmpty()) {
                    problems.add("leaves " + next + ".." + (head.size() - 1) + " are missing");
                    break;
                }
                for (LogStore.Leaf leaf : batch) {
                    if (leaf.index() != next) {
                        problems.add("leaf " + next + " is missing");
                        next = leaf.index();
                    }
                    byte[] derived = Rfc6962.leafHash(leaf.entry());
                    if (!MessageDigest.isEqual(derived, leaf.leafHash())) {
                        problems.add("leaf " + leaf.index() + ": the stored envelope does not hash to its leaf hash");
                    }
                    rebuilt.appendLeafHash(derived);
                    next++;
                }
            }
            if (rebuilt.size() == head.size()) {
                compareNodes(store, rebuilt, problems);
                if (!MessageDigest.isEqual(MerkleProofs.rootHash(rebuilt, head.size()), head.rootHash())) {
                    problems.add("the tree rebuilt from the stored envelopes does not have the signed root hash");
                }
            }
            List<String> shown = problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems;
            return new IntegrityReport(head.size(), problems.isEmpty(), List.copyOf(shown));
        });
    }

    // ------------------------------------------------------------------ internals

    private Statement acceptable(Envelope envelope) {
        if (!Statement.PAYLOAD_TYPE.equals(envelope.payloadType())) {
            throw new DomainException(ErrorCode.LOG_ENTRY_REJECTED, "payloadType must be " + Statement.PAYLOAD_TYPE);
        }
        Statement statement;
        try {
            statement = Statement.fromJson(envelope.payload());
        } catch (RuntimeException e) {
            throw new DomainException(ErrorCode.LOG_ENTRY_REJECTED, "not an in-toto statement: " + e.getMessage());
        }
        for (EnvelopeSignature sig : envelope.signatures()) {
            Optional<Ed25519PublicKey> key = keys.trustedPublicKey(sig.keyId());
            if (key.isPresent()) {
                try {
                    DsseVerifier.of(Statement.PAYLOAD_TYPE, key.get()).verify(envelope);
                    return statement;
                } catch (SignatureVerificationException e) {
                    // try the next signature
                }
            }
        }
        throw new DomainException(ErrorCode.LOG_ENTRY_REJECTED,
                "no signature on the envelope verifies with a known, unrevoked key");
    }

    /** The subtrees that leaf {@code index} completes, each hashed from its stored left sibling. */
    static Map<NodeKey, byte[]> completedSubtrees(LogStore store, long index, byte[] leafHash)
            throws SQLException {
        long count = index + 1;
        List<NodeKey> lefts = new ArrayList<>();
        for (int level = 1; level < 63 && (count & ((1L << level) - 1)) == 0; level++) {
            lefts.add(new NodeKey(level - 1, (count >> (level - 1)) - 2));
        }
        Map<NodeKey, byte[]> siblings = store.hashes(lefts);
        Map<NodeKey, byte[]> created = new LinkedHashMap<>();
        byte[] right = leafHash;
        for (NodeKey left : lefts) {
            byte[] l = siblings.get(left);
            if (l == null) {
                throw new IllegalStateException("the log lacks subtree " + left + "; run the integrity check");
            }
            right = Rfc6962.nodeHash(l, right);
            created.put(new NodeKey(left.level() + 1, (count >> (left.level() + 1)) - 1), right);
        }
        return created;
    }

    private static void compareNodes(LogStore store, InMemoryHashStore rebuilt, List<String> problems)
            throws SQLException {
        for (int level = 1; level < 63 && (1L << level) <= rebuilt.size(); level++) {
            long complete = rebuilt.size() >> level;
            for (long next = 0; next < complete; ) {
                Map<Long, byte[]> batch = store.nodes(level, next, SCAN_BATCH);
                if (batch.isEmpty()) {
                    problems.add("subtree hashes of level " + level + " from " + next + " are missing");
                    break;
                }
                for (Map.Entry<Long, byte[]> n : batch.entrySet()) {
                    if (n.getKey() < complete
                            && !MessageDigest.isEqual(n.getValue(), rebuilt.nodeHash(level, n.getKey()))) {
                        problems.add("stored subtree hash " + level + "/" + n.getKey() + " is wrong");
                    }
                    next = n.getKey() + 1;
                }
            }
        }
    }

    private InclusionProof proofOf(LogStore store, long index, long size) throws SQLException {
        record Result(byte[] root, List<byte[]> proof) {
        }
        Result r = DbHashStore.compute(store, size,
                s -> new Result(MerkleProofs.rootHash(s, size), MerkleProofs.inclusionProof(s, index, size)));
        return new InclusionProof(index, size, HEX.formatHex(r.root()), hexAll(r.proof()));
    }

    private String signCheckpoint(long size, byte[] root) {
        Ed25519Signer signer = keys.signers(KeyRole.CHECKPOINT).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no active checkpoint key"));
        return new Checkpoint(origin(), size, root).sign(origin(), signer);
    }

    private static LogStore.Head head(LogStore store) throws SQLException {
        return store.head().orElseThrow(() -> new IllegalStateException("log not initialised"));
    }

    private static void checkSize(LogStore store, long size, String name) throws SQLException {
        long max = head(store).size();
        if (size < 0 || size > max) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, name + " must be within 0.." + max);
        }
    }

    private static LogEntry entryOf(LogStore.Leaf leaf) {
        return new LogEntry(leaf.index(), HEX.formatHex(leaf.leafHash()), leaf.predicateType(), leaf.subjectDigest(),
                leaf.createdAt());
    }

    static byte[] parseHash(String hex, String name) {
        String h = hex == null ? "" : hex.startsWith("sha256:") ? hex.substring(7) : hex;
        if (!h.matches("[0-9a-fA-F]{64}")) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, name + " must be 64 hex digits");
        }
        return HEX.parseHex(h.toLowerCase());
    }

    private static List<String> hexAll(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }

    private interface StoreWork<T> {
        T run(LogStore store) throws SQLException;
    }

    private <T> T withStore(StoreWork<T> work) {
        try (Connection c = db.getConnection()) {
            return work.run(new LogStore(c));
        } catch (SQLException e) {
            throw new IllegalStateException("transparency log storage failed: " + e.getMessage(), e);
        }
    }
}
