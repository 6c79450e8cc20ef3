package dev.modelport.cluster;

import dev.modelport.devstack.DemoSeeder;
import dev.modelport.devstack.LocalCluster;
import dev.modelport.devstack.LocalKeycloak;
import dev.modelport.devstack.LocalPostgres;
import dev.modelport.devstack.Nginx;
import dev.modelport.devstack.Ports;
import dev.modelport.devstack.S3proxy;
import dev.modelport.devstack.Tokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The platform at scale, started once for all test classes of this module: an embedded PostgreSQL of its own (its
 * data directory and port kept, so a test can restart it), Keycloak with the repository's realm on a second one (or
 * the Keycloak at {@code MODELPORT_TEST_KEYCLOAK_URL}), and {@link LocalCluster}: s3proxy, three {@code java -jar quarkus-run.jar}
 * instances sharing the database, the bucket and the clustered job engine, and nginx in front. Demo organisations are
 * seeded as {@code ./modelport cluster} seeds them. Every process is stopped when the test run ends, also when a test
 * or the start fails (and by a shutdown hook if the JVM exits some other way). Logs: {@code target/cluster/logs}.
 */
public final class ClusterStack implements AutoCloseable {

    public static final int INSTANCES = 3;
    /** S3's minimum part size (the default is 16 MiB): a test upload of some tens of MiB spans several parts. */
    public static final long S3_PART_SIZE = 5L * 1024 * 1024;

    private static ClusterStack current;

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Path repo;
    private final Path state;
    private final int pgPort = Ports.free();
    private volatile LocalPostgres pg;
    private LocalCluster cluster;
    private Tokens tokens;

    private ClusterStack(Path repo, Path state) {
        this.repo = repo;
        this.state = state;
    }

    /** The running stack; test classes get it through {@link Extension}. */
    public static synchronized ClusterStack get() {
        if (current == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(ClusterStack.Extension.class)");
        }
        return current;
    }

    private static synchronized ClusterStack startOnce() {
        if (current == null) {
            Path repo = Path.of(System.getProperty("modelport.repo", "..")).toAbsolutePath().normalize();
            ClusterStack stack = new ClusterStack(repo, repo.resolve("cluster-tests/target/cluster"));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "cluster-stack-stop"));
            try {
                stack.start();
            } catch (Exception e) {
                stack.close();
                throw new IllegalStateException("could not start the cluster: " + e.getMessage(), e);
            }
            current = stack;
        }
        return current;
    }

    private void start() throws Exception {
        Instant begin = Instant.now();
        if (Nginx.installed().isEmpty()) {
            throw new IllegalStateException("nginx is missing: the cluster tests run it as the load balancer. "
                    + "./modelport test installs it; otherwise apt-get install nginx");
        }
        Path app = repo.resolve("registry-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException(app + " is missing: package registry-service first (mvn verify builds it)");
        }
        deleteTree(state);
        pg = LocalPostgres.start(state.resolve("postgres"), pgPort, true);
        started.push(this::stopPostgres);
        pg.ensureDatabase("modelport");
        String realmUrl = System.getenv("MODELPORT_TEST_KEYCLOAK_URL");
        CompletableFuture<LocalKeycloak> keycloak = CompletableFuture.completedFuture(null);
        if (realmUrl == null) {
            // Keycloak keeps its data in a PostgreSQL of its own, as deployments usually do: the registry's is
            // restarted by a test, and Keycloak is not what that test is about.
            LocalPostgres kcDb = LocalPostgres.start(state.resolve("keycloak-postgres"), 0, false);
            started.push(kcDb);
            kcDb.ensureDatabase("keycloak");
            int kcPort = Ports.free();
            realmUrl = LocalKeycloak.realmUrl(kcPort);
            // Keycloak starts alongside the instances, which discover it lazily on their first request.
            keycloak = CompletableFuture.supplyAsync(() -> startKeycloak(kcDb, kcPort));
        }
        try {
            cluster = LocalCluster.builder(repo, state)
                    .database(pg.jdbcUrl("modelport"), LocalPostgres.USER, LocalPostgres.PASSWORD)
                    .keycloak(realmUrl)
                    .secrets(randomKey(), randomKey())
                    .instances(INSTANCES)
                    .env("MODELPORT_S3_PART_SIZE", Long.toString(S3_PART_SIZE))
                    .jvmOptions(List.of("-Xmx512m", "-XX:+UseSerialGC"))
                    .start();
            started.push(cluster);
        } finally {
            LocalKeycloak kc = join(keycloak);
            if (kc != null) {
                started.push(kc);
            }
        }
        tokens = new Tokens(realmUrl);
        new DemoSeeder(cluster.entryUrl(), tokens).seed();
        System.out.printf("cluster stack up in %d s: %d instances behind %s%n",
                Duration.between(begin, Instant.now()).toSeconds(), INSTANCES, cluster.entryUrl());
    }

    private LocalKeycloak startKeycloak(LocalPostgres db, int port) {
        try {
            return LocalKeycloak.start(LocalKeycloak.homeFromEnvironment(),
                    repo.resolve("deploy/keycloak/modelport-realm.json"), db, "keycloak", port,
                    state.resolve("logs/keycloak.log"));
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private static LocalKeycloak join(CompletableFuture<LocalKeycloak> keycloak) throws Exception {
        try {
            return keycloak.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    public LocalCluster cluster() {
        return cluster;
    }

    public Tokens tokens() {
        return tokens;
    }

    /** The bucket's directory in s3proxy's filesystem store: an object is the file named by its key. */
    public Path bucket() {
        return state.resolve("s3").resolve(S3proxy.BUCKET);
    }

    /** A connection to the registry's database, for checking what was committed. */
    public Connection db() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/modelport",
                LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    /** Stops PostgreSQL (a fast shutdown: sessions are ended, nothing committed is lost). */
    public void stopPostgres() throws IOException {
        LocalPostgres server = pg;
        pg = null;
        if (server != null) {
            server.close();
        }
    }

    /** Starts PostgreSQL again on the same data directory and port; returns once it accepts connections. */
    public void startPostgres() throws IOException {
        pg = LocalPostgres.start(state.resolve("postgres"), pgPort, true);
    }

    /** Starts any instance an earlier test killed, so every test class begins with the whole cluster. */
    public void ensureWhole() throws IOException, InterruptedException {
        for (int n = 1; n <= cluster.size(); n++) {
            if (!cluster.isAlive(n)) {
                cluster.restart(n);
            }
        }
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("stopping the cluster stack: " + e);
            }
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Starts the stack before the first test class that uses it; it stops when the whole test run ends. */
    public static final class Extension implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(ClusterStack.class, k -> new Stopper(startOnce()), Stopper.class);
            get().ensureWhole();
        }
    }

    /** Closed by JUnit when the root context (the whole run) closes. */
    private record Stopper(ClusterStack stack) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            stack.close();
        }
    }
}
