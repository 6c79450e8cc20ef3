package dev.modelport.registry.trust.log;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.modelport.devstack.LocalPostgres;
import dev.modelport.signing.dsse.DsseVerifier;
import dev.modelport.signing.dsse.Envelope;
import dev.modelport.signing.intoto.BuildProvenance;
import dev.modelport.signing.intoto.Statement;
import dev.modelport.signing.key.Ed25519PrivateKey;
import dev.modelport.signing.key.Ed25519Signer;
import dev.modelport.signing.key.Verifier;
import dev.modelport.signing.tlog.Checkpoint;
import dev.modelport.signing.tlog.HashStore;
import dev.modelport.signing.tlog.InMemoryHashStore;
import dev.modelport.signing.tlog.MerkleProofs;
import dev.modelport.signing.tlog.ProofVerifier;
import dev.modelport.signing.tlog.Rfc6962;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;

/**
 * The trust benchmark (not a test): in ONE run, the JDK's raw Ed25519 rate as the baseline, then BouncyCastle raw,
 * DSSE statement signing and verification, and inclusion proofs (generate + verify) over a 100k-leaf tree in memory
 * and in PostgreSQL (the service's own tables, store and proof code), plus log appends. Prints a Markdown table.
 *
 * <p>Run: {@code ./modelport build && ./modelport mvn -pl registry-service exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.modelport.registry.trust.log.TrustBench}
 */
public final class TrustBench {

    private static final int LEAVES = 100_000;
    private static final long WARMUP_MS = 2_000;
    private static final long MEASURE_MS = 4_000;
    private static final HexFormat HEX = HexFormat.of();

    private record Row(String what, double perSecond, String baseline) {
    }

    private final List<Row> rows = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        new TrustBench().run();
    }

    private interface Op {
        void run() throws Exception;
    }

    /** Operations per second, after a warm-up, measured over a fixed time. */
    private static double rate(Op op) throws Exception {
        long end = System.nanoTime() + WARMUP_MS * 1_000_000;
        while (System.nanoTime() < end) {
            op.run();
        }
        long n = 0;
        long start = System.nanoTime();
        end = start + MEASURE_MS * 1_000_000;
        long now;
        do {
            op.run();
            n++;
            now = System.nanoTime();
        } while (now < end);
        return n / ((now - start) / 1e9);
    }

    private void row(String what, double perSecond, String baseline) {
        rows.add(new Row(what, perSecond, baseline));
        System.err.printf(Locale.ROOT, "%-70s %,12.0f /s%n", what, perSecond);
    }

    private void run() throws Exception {
        byte[] message = new byte[200];
        new Random(1).nextBytes(message);

        // Baseline: the JDK's own Ed25519 (SunEC).
        KeyPair jdkKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Signature jdkSigner = Signature.getInstance("Ed25519");
        jdkSigner.initSign(jdkKeys.getPrivate());
        jdkSigner.update(message);
        byte[] jdkSig = jdkSigner.sign();
        Signature jdkVerifier = Signature.getInstance("Ed25519");
        double jdkSign = rate(() -> {
            jdkSigner.initSign(jdkKeys.getPrivate());
            jdkSigner.update(message);
            jdkSigner.sign();
        });
        row("JDK 17 SunEC Ed25519 sign (200 B) — baseline", jdkSign, "sign");
        double jdkVerify = rate(() -> {
            jdkVerifier.initVerify(jdkKeys.getPublic());
            jdkVerifier.update(message);
            if (!jdkVerifier.verify(jdkSig)) {
                throw new IllegalStateException();
            }
        });
        row("JDK 17 SunEC Ed25519 verify (200 B) — baseline", jdkVerify, "verify");

        Ed25519Signer bc = Ed25519PrivateKey.generate().signer();
        byte[] bcSig = bc.sign(message);
        Verifier bcVerifier = bc.publicKey().verifier();
        row("BouncyCastle Ed25519 sign (200 B), signing library", rate(() -> bc.sign(message)), "sign");
        row("BouncyCastle Ed25519 verify (200 B), signing library", rate(() -> bcVerifier.verify(bcSig, message)),
                "verify");

        // DSSE over an in-toto build provenance statement with 32 tensor digests (~4 KB canonical JSON).
        Statement statement = provenance();
        Envelope envelope = statement.sign(bc);
        DsseVerifier dsse = Statement.verifier(List.of(bc.publicKey()), 1);
        System.err.printf("statement payload: %d bytes%n", envelope.payload().length);
        row("DSSE sign of an in-toto statement (canonical JSON + PAE + Ed25519)", rate(() -> statement.sign(bc)),
                "sign");
        row("DSSE verify of an in-toto statement (+ parse)", rate(() -> Statement.verify(envelope, dsse)), "verify");

        // Inclusion proofs over a 100k-leaf tree in memory.
        InMemoryHashStore memory = new InMemoryHashStore();
        List<byte[]> leafHashes = new ArrayList<>(LEAVES);
        for (int i = 0; i < LEAVES; i++) {
            byte[] leaf = ("leaf " + i).getBytes(StandardCharsets.UTF_8);
            leafHashes.add(Rfc6962.leafHash(leaf));
            memory.appendLeafHash(leafHashes.get(i));
        }
        byte[] memoryRoot = MerkleProofs.rootHash(memory, LEAVES);
        row("inclusion proof generate + verify, 100k leaves, in memory",
                rate(() -> proveAndVerify(memory, leafHashes, memoryRoot)), "verify");

        postgres(leafHashes, memory, memoryRoot, bc);
        print(jdkSign, jdkVerify);
    }

    private static void proveAndVerify(HashStore store, List<byte[]> leafHashes, byte[] root) {
        int i = ThreadLocalRandom.current().nextInt(LEAVES);
        ProofVerifier.verifyInclusion(leafHashes.get(i), i, LEAVES, MerkleProofs.inclusionProof(store, i, LEAVES), root);
    }

    private void postgres(List<byte[]> leafHashes, InMemoryHashStore memory, byte[] root, Ed25519Signer logKey)
            throws Exception {
        Path data = Files.createTempDirectory("trust-bench-pg");
        try (LocalPostgres pg = LocalPostgres.start(data, 0, false)) {
            pg.ensureDatabase("bench");
            String url = pg.jdbcUrl("bench");
            Flyway.configure().dataSource(url, LocalPostgres.USER, LocalPostgres.PASSWORD)
                    .locations("filesystem:" + migrations()).load().migrate();
            try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD)) {
                c.setAutoCommit(false);
                load(c, leafHashes, memory, root);
                LogStore store = new LogStore(c);
                row("inclusion proof generate + verify, 100k leaves, PostgreSQL (2 queries)", rate(() -> {
                    int i = ThreadLocalRandom.current().nextInt(LEAVES);
                    List<byte[]> proof = DbHashStore.compute(store, LEAVES, s -> MerkleProofs.inclusionProof(s, i,
                            LEAVES));
                    ProofVerifier.verifyInclusion(leafHashes.get(i), i, LEAVES, proof, root);
                }), "verify");
                c.commit();
                row("log append (lock, leaf, subtrees, root, signed checkpoint), PostgreSQL, 1 tx each",
                        rate(() -> append(c, store, logKey)), "sign");
            }
        }
    }

    /** This checkout's migrations, read from source so the bench never picks up another build's jar. */
    private static Path migrations() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("migrations/src/main/resources/db/migration");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("migrations/src/main/resources/db/migration not found above the working dir");
    }

    /** Bulk-loads the leaves and their complete-subtree hashes as the service would have written them. */
    private static void load(Connection c, List<byte[]> leafHashes, InMemoryHashStore memory, byte[] root)
            throws Exception {
        long t0 = System.nanoTime();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO tlog_leaf (idx, leaf_hash, entry, predicate_type, "
                + "subject_digest, created_at) VALUES (?, ?, ?, 'bench', ?, now())")) {
            for (int i = 0; i < LEAVES; i++) {
                s.setLong(1, i);
                s.setBytes(2, leafHashes.get(i));
                s.setBytes(3, ("leaf " + i).getBytes(StandardCharsets.UTF_8));
                s.setString(4, HEX.formatHex(leafHashes.get(i)));
                s.addBatch();
                if (i % 5_000 == 4_999) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
        }
        Map<NodeKey, byte[]> nodes = new LinkedHashMap<>();
        for (int level = 1; (1L << level) <= LEAVES; level++) {
            for (long i = 0; i < (LEAVES >> level); i++) {
                nodes.put(new NodeKey(level, i), memory.nodeHash(level, i));
            }
        }
        new LogStore(c).insertNodes(nodes);
        new LogStore(c).saveHead(new LogStore.Head(LEAVES, root, "bench"));
        c.commit();
        System.err.printf("loaded %,d leaves and %,d subtree hashes into PostgreSQL in %.1f s%n", LEAVES, nodes.size(),
                (System.nanoTime() - t0) / 1e9);
    }

    private static void append(Connection c, LogStore store, Ed25519Signer logKey) throws Exception {
        store.lock();
        LogStore.Head head = store.head().orElseThrow();
        long index = head.size();
        byte[] entry = ("appended " + index + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        byte[] leafHash = Rfc6962.leafHash(entry);
        store.insertLeaf(new LogStore.Leaf(index, leafHash, entry, "bench", HEX.formatHex(leafHash), Instant.now()));
        store.insertNodes(TransparencyLog.completedSubtrees(store, index, leafHash));
        long size = index + 1;
        byte[] root = DbHashStore.compute(store, size, s -> MerkleProofs.rootHash(s, size));
        String note = new Checkpoint("modelport.dev/log/bench", size, root).sign("modelport.dev/log/bench", logKey);
        store.saveHead(new LogStore.Head(size, root, note));
        c.commit();
    }

    private static Statement provenance() {
        BuildProvenance.Builder b = BuildProvenance.builder().input("acme-ai/glm-9b-chat@1.0", "ab".repeat(32))
                .tool("modelport-quantize", "1.0.0").recipe("quantization", "Q4_0").recipe("deviceClass", "sm8650-12g")
                .output("orion-mobile/assistant-q4_0.gguf", "cd".repeat(32)).startedOn(Instant.now())
                .finishedOn(Instant.now());
        for (int i = 0; i < 32; i++) {
            b.tensorDigest("blk." + i + ".attn_q.weight", String.format("%064x", i));
        }
        b.recipe(JsonNodeFactory.instance.objectNode().put("quantization", "Q4_0"));
        return b.build().toStatement();
    }

    private void print(double jdkSign, double jdkVerify) {
        System.out.println();
        System.out.println("| operation | per second | × JDK Ed25519 baseline |");
        System.out.println("|---|---:|---:|");
        for (Row r : rows) {
            double base = r.baseline().equals("sign") ? jdkSign : jdkVerify;
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %.2f× JDK %s |%n", r.what(), r.perSecond(),
                    r.perSecond() / base, r.baseline());
        }
        System.out.printf(Locale.ROOT, "%nmachine: %d cores, %s %s, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
    }
}
