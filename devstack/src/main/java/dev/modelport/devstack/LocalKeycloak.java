package dev.modelport.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Keycloak started from its distribution (unpacked by {@code ./modelport} from Maven Central), storing its
 * data in PostgreSQL and importing the Modelport realm from the repository.
 *
 * <p>Keycloak's first start builds ("augments") itself, which takes minutes; we run {@code kc.sh build} once with
 * the options below and then start with {@code --optimized}, which takes seconds.
 */
public final class LocalKeycloak implements AutoCloseable {

    /** Build-time options. Changing them triggers one rebuild. */
    private static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--health-enabled=true");
    private static final String BUILD_MARKER = "modelport-build-options";
    public static final String REALM = "modelport";

    private final ManagedProcess process;
    private final int port;

    private LocalKeycloak(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Where {@code ./modelport} unpacks the distribution; tests find it through this variable. */
    public static Path homeFromEnvironment() {
        String home = System.getenv("MODELPORT_KEYCLOAK_HOME");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("MODELPORT_KEYCLOAK_HOME is not set: run the tests through "
                    + "./modelport test, which downloads Keycloak, or point it at an unpacked keycloak-quarkus-dist");
        }
        return Path.of(home);
    }

    public static LocalKeycloak start(Path home, Path realmFile, LocalPostgres db, String database, int port,
                                      Path log) throws IOException, InterruptedException {
        ensureBuilt(home, log);
        Path importDir = home.resolve("data/import");
        Files.createDirectories(importDir);
        Files.copy(realmFile, importDir.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);

        int managementPort = Ports.free();
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                "--http-management-port=" + managementPort, "--hostname-strict=false", "--import-realm",
                // One node: without this Keycloak looks for cluster peers over JGroups and waits 20 s for them.
                "--cache=local",
                "--db-url=" + db.jdbcUrl(database), "--db-username=" + LocalPostgres.USER,
                "--db-password=" + LocalPostgres.PASSWORD));
        ManagedProcess process = ManagedProcess.start("keycloak", command, environment(), home, log);
        try {
            process.awaitHttpOk("http://localhost:" + managementPort + "/health/ready", Duration.ofMinutes(4));
            process.awaitHttpOk("http://localhost:" + port + "/realms/" + REALM + "/.well-known/openid-configuration",
                    Duration.ofMinutes(1));
        } catch (IOException | InterruptedException e) {
            process.close();
            throw e;
        }
        return new LocalKeycloak(process, port);
    }

    private static void ensureBuilt(Path home, Path log) throws IOException, InterruptedException {
        Path marker = home.resolve(BUILD_MARKER);
        String wanted = String.join(" ", BUILD_OPTIONS);
        if (Files.exists(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(wanted)) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(BUILD_OPTIONS);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(environment());
        int exit = pb.start().waitFor();
        if (exit != 0) {
            throw new IOException("kc.sh build failed with exit code " + exit + "; see " + log);
        }
        Files.writeString(marker, wanted, StandardCharsets.UTF_8);
    }

    private static Map<String, String> environment() {
        return Map.of(
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin",
                // Keycloak sizes its heap from the machine's RAM by default; it needs far less here.
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The issuer that registry-service trusts, e.g. {@code http://localhost:8180/realms/modelport}. */
    public String realmUrl() {
        return realmUrl(port);
    }

    public static String realmUrl(int port) {
        return "http://localhost:" + port + "/realms/" + REALM;
    }

    @Override
    public void close() {
        process.close();
    }
}
