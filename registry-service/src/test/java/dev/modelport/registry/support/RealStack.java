package dev.modelport.registry.support;

import dev.modelport.devstack.LocalKeycloak;
import dev.modelport.devstack.LocalPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * The real infrastructure every registry test runs on: a real PostgreSQL and a real Keycloak with the repository's
 * realm. Started once per test run. {@code MODELPORT_TEST_DB_URL} and {@code MODELPORT_TEST_KEYCLOAK_URL} point the
 * tests at external servers instead (the database must be a throwaway one).
 */
public class RealStack implements QuarkusTestResourceLifecycleManager {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    @Override
    public Map<String, String> start() {
        try {
            String dbUrl = System.getenv("MODELPORT_TEST_DB_URL");
            String realmUrl = System.getenv("MODELPORT_TEST_KEYCLOAK_URL");
            LocalPostgres pg = null;
            if (dbUrl == null || realmUrl == null) {
                pg = LocalPostgres.start(Files.createTempDirectory("modelport-test-pg"), 0, false);
                started.push(pg);
                pg.ensureDatabase("modelport");
                pg.ensureDatabase("keycloak");
            }
            if (dbUrl == null) {
                dbUrl = pg.jdbcUrl("modelport");
            }
            if (realmUrl == null) {
                Path log = Path.of("target", "keycloak.log").toAbsolutePath();
                LocalKeycloak kc = LocalKeycloak.start(LocalKeycloak.homeFromEnvironment(), realmFile(), pg,
                        "keycloak", freePort(), log);
                started.push(kc);
                realmUrl = kc.realmUrl();
            }
            Path blobs = Files.createTempDirectory("modelport-test-blobs");
            started.push(() -> deleteTree(blobs));
            return Map.of(
                    "modelport.blobs.dir", blobs.toString(),
                    "quarkus.datasource.jdbc.url", dbUrl,
                    "quarkus.datasource.username", env("MODELPORT_TEST_DB_USER", LocalPostgres.USER),
                    "quarkus.datasource.password", env("MODELPORT_TEST_DB_PASSWORD", LocalPostgres.PASSWORD),
                    "quarkus.oidc.auth-server-url", realmUrl);
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("could not start the test stack: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("stopping test stack: " + e);
            }
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Path realmFile() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("deploy/keycloak/modelport-realm.json");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("deploy/keycloak/modelport-realm.json not found above " + here);
    }

    private static int freePort() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
