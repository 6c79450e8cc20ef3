package dev.modelport.devstack;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./modelport cluster [N]}: the platform as it runs at scale, on one machine. Shared PostgreSQL and Keycloak
 * (as {@code up} starts them, or external ones via {@code MODELPORT_DB_URL}/{@code MODELPORT_KEYCLOAK_URL}), s3proxy
 * as the shared blob store, N registry-service instances with the S3 blob backend, and nginx as the load balancer in
 * front of them. Until Ctrl-C or SIGTERM; everything it starts it stops again, in reverse order.
 */
public final class Cluster {

    static final String BUCKET = "modelport";
    static final String S3_ACCESS_KEY = "modelport-local";
    static final String S3_SECRET_KEY = "modelport-local-secret-key";

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
        if (n < 1 || n > 16) {
            throw new IllegalArgumentException("instances must be 1..16, was " + n);
        }
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

        int s3Port = Env.port("MODELPORT_S3_PORT", 9000);
        String s3Url = startS3proxy(s3Port);

        int lbPort = Env.port("MODELPORT_HTTP_PORT", 8080);
        int firstPort = Env.port("MODELPORT_CLUSTER_FIRST_PORT", lbPort + 1);
        Map<String, String> env = registryEnv(dbUrl, realmUrl, s3Url);
        List<ManagedProcess> registries = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            int port = firstPort + i;
            say("starting registry-service #" + (i + 1) + " on port " + port);
            Map<String, String> own = new HashMap<>(env);
            own.put("MODELPORT_HTTP_PORT", Integer.toString(port));
            // One data directory for all: the S3 backend still stages resumable uploads on local disk
            // (blob/S3BlobStore.S3Staging), and the chunks of one upload reach different instances.
            own.put("MODELPORT_DATA_DIR", state.resolve("data").toString());
            ManagedProcess p = ManagedProcess.start("registry-service-" + (i + 1),
                    List.of(javaBin(), "-Xmx768m", "-jar",
                            repo.resolve("registry-service/target/quarkus-app/quarkus-run.jar").toString()),
                    own, repo, state.resolve("logs/registry-service-" + (i + 1) + ".log"));
            started.track(p);
            registries.add(p);
            if (i == 0) {
                // The first instance runs the Flyway migration alone; the others start against a ready schema.
                p.awaitHttpOk("http://localhost:" + port + "/q/health/ready", Duration.ofMinutes(3));
            }
        }
        for (int i = 1; i < instances; i++) {
            registries.get(i).awaitHttpOk("http://localhost:" + (firstPort + i) + "/q/health/ready",
                    Duration.ofMinutes(3));
        }

        say("starting nginx on port " + lbPort + " in front of " + instances + " instance(s)");
        started.track(Nginx.start(state.resolve("nginx"), lbPort, firstPort, instances));
        String entry = "http://localhost:" + lbPort;
        ManagedProcess.awaitHttpOk("nginx", entry + "/q/health/ready", Duration.ofSeconds(30));

        say("seeding demo organisations and users");
        new DemoSeeder(entry, new Tokens(realmUrl)).seed();
        System.out.println();
        System.out.println("Modelport cluster is up: " + instances + " registry-service instance(s) behind nginx.");
        System.out.println("  entry URL    " + entry + "/");
        for (int i = 0; i < instances; i++) {
            System.out.println("  instance #" + (i + 1) + "  http://localhost:" + (firstPort + i) + "/");
        }
        System.out.println("  S3 (s3proxy) " + s3Url + "  bucket " + BUCKET + ", data in " + state.resolve("s3"));
        System.out.println("  keycloak     " + realmUrl);
        System.out.println("  logs         " + state.resolve("logs"));
        System.out.println();
        System.out.println("Press Ctrl-C to stop.");
    }

    private Map<String, String> registryEnv(String dbUrl, String realmUrl, String s3Url) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("MODELPORT_DB_URL", dbUrl);
        env.put("MODELPORT_DB_USER", Env.get("MODELPORT_DB_USER", LocalPostgres.USER));
        env.put("MODELPORT_DB_PASSWORD", Env.get("MODELPORT_DB_PASSWORD", LocalPostgres.PASSWORD));
        env.put("MODELPORT_KEYCLOAK_URL", realmUrl);
        // Every instance must share the secrets: a device token minted by one is checked by all.
        LocalSecrets secrets = new LocalSecrets(state.getParent());
        env.put("MODELPORT_KEY_ENCRYPTION_KEY", secrets.get("MODELPORT_KEY_ENCRYPTION_KEY", "key-encryption-key"));
        env.put("MODELPORT_DEVICE_TOKEN_KEY", secrets.get("MODELPORT_DEVICE_TOKEN_KEY", "device-token-key"));
        env.put("MODELPORT_BLOBS_BACKEND", "s3");
        env.put("MODELPORT_S3_ENDPOINT", s3Url);
        env.put("MODELPORT_S3_BUCKET", BUCKET);
        env.put("MODELPORT_S3_ACCESS_KEY", S3_ACCESS_KEY);
        env.put("MODELPORT_S3_SECRET_KEY", S3_SECRET_KEY);
        env.put("MODELPORT_S3_PATH_STYLE", "true");
        return env;
    }

    /** s3proxy over jclouds' filesystem store: the bucket is a directory, so blobs survive a restart. */
    private String startS3proxy(int port) throws IOException, InterruptedException {
        Path dir = state.resolve("s3");
        Files.createDirectories(dir.resolve(BUCKET));
        Path properties = state.resolve("s3proxy.properties");
        String url = "http://127.0.0.1:" + port;
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=" + url,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + S3_ACCESS_KEY,
                "s3proxy.credential=" + S3_SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dir,
                "jclouds.identity=unused",
                "jclouds.credential=unused", ""));
        say("starting s3proxy on port " + port + " (data in " + dir + ")");
        ManagedProcess s3 = ManagedProcess.start("s3proxy",
                // s3proxy routes System.err into its logger: slf4j-simple must write elsewhere or it loops.
                List.of(javaBin(), "-Xmx256m", "-Dorg.slf4j.simpleLogger.logFile=System.out",
                        "-cp", s3proxyClasspath(),
                        "org.gaul.s3proxy.Main", "--properties", properties.toString()),
                Map.of(), repo, state.resolve("logs/s3proxy.log"));
        started.track(s3);
        awaitPort(s3, port);
        return url;
    }

    /** s3proxy's own jars plus what devstack already carries (SLF4J, Jackson), which Maven leaves out of the first. */
    private String s3proxyClasspath() throws IOException {
        StringBuilder cp = new StringBuilder(repo.resolve("devstack/target/s3proxy") + "/*");
        try (var libs = Files.list(repo.resolve("devstack/target/lib"))) {
            libs.filter(p -> p.getFileName().toString().matches("(slf4j|jackson)-.*"))
                    .forEach(p -> cp.append(java.io.File.pathSeparator).append(p));
        }
        return cp.toString();
    }

    private static void awaitPort(ManagedProcess process, int port) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("s3proxy exited; see " + process.log());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IOException("s3proxy did not listen on port " + port + "; see " + process.log());
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void say(String what) {
        System.out.println("==> " + what);
    }
}
