package dev.modelport.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * registry-service at scale on one machine, over a PostgreSQL and a Keycloak started elsewhere: s3proxy as the shared
 * blob store, N identical registry-service instances ({@code java -jar quarkus-run.jar}) with the S3 backend, and
 * nginx as the round-robin load balancer in front of them. {@code ./modelport cluster} and the multi-instance tests
 * both run it. Instances are numbered from 1; instance n names itself {@code registry-service-n} to the clustered job
 * engine, so a job's {@code instance} says where it runs. {@link #close} stops everything it started.
 */
public final class LocalCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Started started = new Started();
    private final Builder settings;
    private final List<ManagedProcess> instances = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private S3proxy s3;
    private int lbPort;

    private LocalCluster(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder(Path repo, Path state) {
        return new Builder(repo, state);
    }

    private void start() throws IOException, InterruptedException {
        int s3Port = settings.s3Port > 0 ? settings.s3Port : Ports.free();
        say("starting s3proxy on port " + s3Port + " (data in " + settings.state.resolve("s3") + ")");
        s3 = S3proxy.start(settings.repo, settings.state.resolve("s3"), s3Port,
                settings.state.resolve("logs/s3proxy.log"));
        started.track(s3);
        for (int n = 1; n <= settings.instances; n++) {
            int port = settings.firstPort > 0 ? settings.firstPort + n - 1 : Ports.free();
            ports.add(port);
            instances.add(null);
            say("starting registry-service #" + n + " on port " + port);
            launch(n);
            if (n == 1) {
                // The first instance runs the Flyway migration alone; the others start against a ready schema.
                awaitReady(1);
            }
        }
        for (int n = 2; n <= settings.instances; n++) {
            awaitReady(n);
        }
        lbPort = settings.lbPort > 0 ? settings.lbPort : Ports.free();
        say("starting nginx on port " + lbPort + " in front of " + settings.instances + " instance(s)");
        started.track(Nginx.start(settings.state.resolve("nginx"), lbPort, ports));
        ManagedProcess.awaitHttpOk("nginx", entryUrl() + "/q/health/ready", Duration.ofSeconds(30));
    }

    private void launch(int n) throws IOException {
        Map<String, String> env = new HashMap<>(settings.env);
        env.putAll(s3.registryEnvironment());
        env.put("MODELPORT_HTTP_PORT", Integer.toString(port(n)));
        env.put("QUARKUS_QUARTZ_INSTANCE_ID", instanceId(n));
        // A data directory of its own, as each pod has its emptyDir: with the S3 backend resumable uploads are
        // staged in the bucket (docs/decisions/0008), local files live only for one request.
        env.put("MODELPORT_DATA_DIR", settings.state.resolve("data-" + n).toString());
        List<String> command = new ArrayList<>(List.of(Java.binary()));
        command.addAll(settings.jvmOptions);
        command.addAll(List.of("-jar", settings.repo.resolve("registry-service/target/quarkus-app/quarkus-run.jar")
                .toString()));
        ManagedProcess p = ManagedProcess.start(instanceId(n), command, env, settings.repo,
                settings.state.resolve("logs/" + instanceId(n) + ".log"));
        started.track(p);
        instances.set(n - 1, p);
    }

    public void awaitReady(int n) throws IOException, InterruptedException {
        instances.get(n - 1).awaitHttpOk(instanceUrl(n) + "/q/health/ready", START_TIMEOUT);
    }

    /** The load balancer's URL: what devices and operators use. */
    public String entryUrl() {
        return "http://localhost:" + lbPort;
    }

    /** Instance n's own URL, bypassing the load balancer. */
    public String instanceUrl(int n) {
        return "http://localhost:" + port(n);
    }

    public int port(int n) {
        return ports.get(n - 1);
    }

    public int size() {
        return settings.instances;
    }

    /** The name instance n gives the clustered job engine (a job's {@code instance}). */
    public static String instanceId(int n) {
        return "registry-service-" + n;
    }

    public boolean isAlive(int n) {
        return instances.get(n - 1).isAlive();
    }

    public long pid(int n) {
        return instances.get(n - 1).pid();
    }

    /** SIGKILL of instance n: it dies mid-request, with its connections, transactions and running jobs. */
    public void kill(int n) throws InterruptedException {
        instances.get(n - 1).kill();
    }

    /** Starts instance n again (after {@link #kill}) on its port, and waits until it is ready. */
    public void restart(int n) throws IOException, InterruptedException {
        if (instances.get(n - 1).isAlive()) {
            throw new IllegalStateException(instanceId(n) + " is still running");
        }
        launch(n);
        awaitReady(n);
    }

    public S3proxy s3() {
        return s3;
    }

    public Path logs() {
        return settings.state.resolve("logs");
    }

    @Override
    public void close() {
        started.stopAll();
    }

    private void say(String what) {
        if (settings.verbose) {
            System.out.println("==> " + what);
        }
    }

    /** What the cluster runs on and how it is laid out. */
    public static final class Builder {
        private final Path repo;
        private final Path state;
        private final Map<String, String> env = new HashMap<>();
        private List<String> jvmOptions = List.of("-Xmx768m");
        private int instances = 3;
        private int lbPort;
        private int firstPort;
        private int s3Port;
        private boolean verbose = true;

        private Builder(Path repo, Path state) {
            this.repo = repo;
            this.state = state;
        }

        public Builder database(String url, String user, String password) {
            env.put("MODELPORT_DB_URL", url);
            env.put("MODELPORT_DB_USER", user);
            env.put("MODELPORT_DB_PASSWORD", password);
            return this;
        }

        public Builder keycloak(String realmUrl) {
            env.put("MODELPORT_KEYCLOAK_URL", realmUrl);
            return this;
        }

        /** Every instance must share these: a device token minted by one is checked by all. */
        public Builder secrets(String deviceTokenKey, String keyEncryptionKey) {
            env.put("MODELPORT_DEVICE_TOKEN_KEY", deviceTokenKey);
            env.put("MODELPORT_KEY_ENCRYPTION_KEY", keyEncryptionKey);
            return this;
        }

        /** Further settings for every instance (MODELPORT_* or QUARKUS_* variables). */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder instances(int n) {
            if (n < 1 || n > 16) {
                throw new IllegalArgumentException("instances must be 1..16, was " + n);
            }
            this.instances = n;
            return this;
        }

        /** 0 for any: free ports are chosen. Instances get consecutive ports from {@code firstPort}. */
        public Builder ports(int lbPort, int firstPort, int s3Port) {
            this.lbPort = lbPort;
            this.firstPort = firstPort;
            this.s3Port = s3Port;
            return this;
        }

        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        public Builder quiet() {
            this.verbose = false;
            return this;
        }

        /** Starts it all; on failure stops what did start and throws. */
        public LocalCluster start() throws IOException, InterruptedException {
            for (String required : List.of("MODELPORT_DB_URL", "MODELPORT_KEYCLOAK_URL", "MODELPORT_DEVICE_TOKEN_KEY")) {
                Objects.requireNonNull(env.get(required), required + " is not set");
            }
            LocalCluster cluster = new LocalCluster(this);
            try {
                cluster.start();
            } catch (IOException | InterruptedException | RuntimeException e) {
                cluster.close();
                throw e;
            }
            return cluster;
        }
    }
}
