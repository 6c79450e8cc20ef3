package dev.modelport.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code ./modelport up}: PostgreSQL, Keycloak and registry-service, seeded with demo data, until Ctrl-C.
 * Everything it starts it stops again, in reverse order.
 */
public final class Up {

    private final Started started = new Started();
    private final Path repo;
    private final Path state;

    private Up(Path repo, Path state) {
        this.repo = repo;
        this.state = state;
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path state = Path.of(Env.get("MODELPORT_HOME", repo.resolve(".modelport").toString()));
        Up up = new Up(repo, state);
        Runtime.getRuntime().addShutdownHook(new Thread(up.started::stopAll, "modelport-stop"));
        try {
            up.run();
        } catch (Exception e) {
            System.err.println("modelport up failed: " + e.getMessage());
            System.exit(1);
        }
        Thread.currentThread().join();
    }

    private void run() throws Exception {
        String dbUrl = System.getenv("MODELPORT_DB_URL");
        String dbUser = Env.get("MODELPORT_DB_USER", LocalPostgres.USER);
        String dbPassword = Env.get("MODELPORT_DB_PASSWORD", LocalPostgres.PASSWORD);
        LocalPostgres pg = null;
        if (dbUrl == null) {
            say("starting PostgreSQL (embedded, data in " + state.resolve("postgres") + ")");
            pg = LocalPostgres.start(state.resolve("postgres"), Env.port("MODELPORT_DB_PORT", 55432), true);
            started.track(pg);
            pg.ensureDatabase("modelport");
            pg.ensureDatabase("keycloak");
            dbUrl = pg.jdbcUrl("modelport");
        }

        String realmUrl = System.getenv("MODELPORT_KEYCLOAK_URL");
        CompletableFuture<LocalKeycloak> keycloak = CompletableFuture.completedFuture(null);
        if (realmUrl == null) {
            if (pg == null) {
                throw new IllegalStateException("with MODELPORT_DB_URL set, also set MODELPORT_KEYCLOAK_URL");
            }
            // Keycloak starts alongside registry-service, which discovers it lazily on the first request.
            int kcPort = Env.port("MODELPORT_KEYCLOAK_PORT", 8180);
            realmUrl = LocalKeycloak.realmUrl(kcPort);
            say("starting Keycloak (its very first start builds it: a minute or two)");
            LocalPostgres db = pg;
            keycloak = CompletableFuture.supplyAsync(() -> startKeycloak(db, kcPort));
        }

        int httpPort = Env.port("MODELPORT_HTTP_PORT", 8080);
        say("starting registry-service on port " + httpPort);
        Map<String, String> env = new HashMap<>();
        env.put("MODELPORT_DB_URL", dbUrl);
        env.put("MODELPORT_DB_USER", dbUser);
        env.put("MODELPORT_DB_PASSWORD", dbPassword);
        env.put("MODELPORT_KEYCLOAK_URL", realmUrl);
        env.put("MODELPORT_HTTP_PORT", Integer.toString(httpPort));
        env.put("MODELPORT_DATA_DIR", state.resolve("data").toString());
        LocalSecrets secrets = new LocalSecrets(state);
        env.put("MODELPORT_KEY_ENCRYPTION_KEY", secrets.get("MODELPORT_KEY_ENCRYPTION_KEY", "key-encryption-key"));
        env.put("MODELPORT_DEVICE_TOKEN_KEY", secrets.get("MODELPORT_DEVICE_TOKEN_KEY", "device-token-key"));
        Path app = repo.resolve("registry-service/target/quarkus-app/quarkus-run.jar");
        ManagedProcess registry = ManagedProcess.start("registry-service",
                List.of(Java.binary(), "-Xmx1g", "-jar", app.toString()), env, repo,
                state.resolve("logs/registry-service.log"));
        started.track(registry);
        String apiUrl = "http://localhost:" + httpPort;
        registry.awaitHttpOk(apiUrl + "/q/health/ready", Duration.ofMinutes(2));
        try {
            keycloak.join();
        } catch (CompletionException e) {
            throw (Exception) e.getCause();
        }

        say("seeding demo organisations and users");
        new DemoSeeder(apiUrl, new Tokens(realmUrl)).seed();
        say("seeding the demo build, release and rollout (orion-mobile, channel stable, EU)");
        String rollout = new DistributionDemo(apiUrl, new Tokens(realmUrl)).seed();
        printReady(apiUrl, realmUrl);
        System.out.println("Demo rollout (sign in as oem): " + apiUrl + "/#/rollout/" + rollout);
    }

    private LocalKeycloak startKeycloak(LocalPostgres db, int port) {
        try {
            LocalKeycloak kc = LocalKeycloak.start(LocalKeycloak.homeFromEnvironment(),
                    repo.resolve("deploy/keycloak/modelport-realm.json"), db, "keycloak", port,
                    state.resolve("logs/keycloak.log"));
            started.track(kc);
            return kc;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private void printReady(String apiUrl, String realmUrl) {
        System.out.println();
        System.out.println("Modelport is up.");
        System.out.println("  console      " + apiUrl + "/");
        System.out.println("  API docs     " + apiUrl + "/q/swagger-ui");
        System.out.println("  health       " + apiUrl + "/q/health");
        System.out.println("  metrics      " + apiUrl + "/q/metrics");
        System.out.println("  keycloak     " + realmUrl.replace("/realms/" + LocalKeycloak.REALM, "")
                + "/admin  (admin / admin)");
        System.out.println("  logs         " + state.resolve("logs"));
        System.out.println();
        System.out.println("Demo logins (password: " + Tokens.DEMO_PASSWORD + "):");
        System.out.println("  vendor, vendor2        model vendors   (acme-ai, northwind-labs)");
        System.out.println("  oem, oem2              phone makers    (orion-mobile, pixelon)");
        System.out.println("  regulator, regulator-eu regulators     (cn-cac for CN, eu-ai-office for EU)");
        System.out.println("  admin                  platform admin  (modelport)");
        System.out.println();
        System.out.println("Press Ctrl-C to stop.");
    }

    private static void say(String what) {
        System.out.println("==> " + what);
    }
}
