package dev.modelport.devstack;

import java.nio.file.Path;

/**
 * {@code ./modelport cluster [N]}: the platform as it runs at scale, on one machine. Shared PostgreSQL and Keycloak
 * (as {@code up} starts them, or external ones via {@code MODELPORT_DB_URL}/{@code MODELPORT_KEYCLOAK_URL}), s3proxy
 * as the shared blob store, N registry-service instances with the S3 blob backend, and nginx as the load balancer in
 * front of them. Until Ctrl-C or SIGTERM; everything it starts it stops again, in reverse order.
 */
public final class Cluster {

    private final Started started = new Started();
    private final Path repo;
    private final Path state;
    private final int instances;

    private Cluster(Path repo, Path state, int instances) {
        this.repo = repo;
        this.state = state;
        this.instances = instances;
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path state = Path.of(Env.get("MODELPORT_HOME", repo.resolve(".modelport").toString())).resolve("cluster");
        Cluster cluster = new Cluster(repo, state, n);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster.started::stopAll, "modelport-cluster-stop"));
        try {
            cluster.run();
        } catch (Exception e) {
            System.err.println("modelport cluster failed: " + e.getMessage());
            System.exit(1);
        }
        Thread.currentThread().join();
    }

    private void run() throws Exception {
        String dbUrl = System.getenv("MODELPORT_DB_URL");
        String realmUrl = System.getenv("MODELPORT_KEYCLOAK_URL");
        LocalPostgres pg = null;
        if (dbUrl == null) {
            say("starting PostgreSQL (embedded, data in " + state.resolve("postgres") + ")");
            pg = LocalPostgres.start(state.resolve("postgres"), Env.port("MODELPORT_DB_PORT", 55432), true);
            started.track(pg);
            pg.ensureDatabase("modelport");
            pg.ensureDatabase("keycloak");
            dbUrl = pg.jdbcUrl("modelport");
        }
        if (realmUrl == null) {
            if (pg == null) {
                throw new IllegalStateException("with MODELPORT_DB_URL set, also set MODELPORT_KEYCLOAK_URL");
            }
            int kcPort = Env.port("MODELPORT_KEYCLOAK_PORT", 8180);
            say("starting Keycloak on port " + kcPort);
            started.track(LocalKeycloak.start(LocalKeycloak.homeFromEnvironment(),
                    repo.resolve("deploy/keycloak/modelport-realm.json"), pg, "keycloak", kcPort,
                    state.resolve("logs/keycloak.log")));
            realmUrl = LocalKeycloak.realmUrl(kcPort);
        }

        int lbPort = Env.port("MODELPORT_HTTP_PORT", 8080);
        LocalSecrets secrets = new LocalSecrets(state.getParent());
        LocalCluster cluster = LocalCluster.builder(repo, state)
                .database(dbUrl, Env.get("MODELPORT_DB_USER", LocalPostgres.USER),
                        Env.get("MODELPORT_DB_PASSWORD", LocalPostgres.PASSWORD))
                .keycloak(realmUrl)
                .secrets(secrets.get("MODELPORT_DEVICE_TOKEN_KEY", "device-token-key"),
                        secrets.get("MODELPORT_KEY_ENCRYPTION_KEY", "key-encryption-key"))
                .instances(instances)
                .ports(lbPort, Env.port("MODELPORT_CLUSTER_FIRST_PORT", lbPort + 1), Env.port("MODELPORT_S3_PORT", 9000))
                .start();
        started.track(cluster);
        String entry = cluster.entryUrl();

        say("seeding demo organisations and users");
        new DemoSeeder(entry, new Tokens(realmUrl)).seed();
        System.out.println();
        System.out.println("Modelport cluster is up: " + instances + " registry-service instance(s) behind nginx.");
        System.out.println("  entry URL    " + entry + "/");
        for (int n = 1; n <= instances; n++) {
            System.out.println("  instance #" + n + "  " + cluster.instanceUrl(n) + "/");
        }
        System.out.println("  S3 (s3proxy) " + cluster.s3().url() + "  bucket " + S3proxy.BUCKET + ", data in "
                + state.resolve("s3"));
        System.out.println("  keycloak     " + realmUrl);
        System.out.println("  logs         " + cluster.logs());
        System.out.println();
        System.out.println("Press Ctrl-C to stop.");
    }

    private static void say(String what) {
        System.out.println("==> " + what);
    }
}
