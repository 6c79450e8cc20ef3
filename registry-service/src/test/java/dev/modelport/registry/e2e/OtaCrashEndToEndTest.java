package dev.modelport.registry.e2e;

import static dev.modelport.registry.support.Distribution.channel;
import static dev.modelport.registry.support.Distribution.deviceClass;
import static dev.modelport.registry.support.Distribution.platformHeldOemKey;
import static dev.modelport.registry.support.RealPhones.platformBuild;
import static dev.modelport.registry.support.RealPhones.releaseAndRollOut;
import static dev.modelport.registry.support.RealPhones.version;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.gguf.digest.GgufManifest;
import dev.modelport.gguf.digest.TensorDigest;
import dev.modelport.ota.CompletionRequest;
import dev.modelport.ota.OtaClient;
import dev.modelport.ota.OtaStatus;
import dev.modelport.ota.TokenListener;
import dev.modelport.ota.agent.LocalApiServer;
import dev.modelport.ota.testing.CrashChild;
import dev.modelport.ota.testing.CrashRuns;
import dev.modelport.ota.testing.StubRuntime;
import dev.modelport.ota.testing.TestModels;
import dev.modelport.registry.support.Fixtures;
import dev.modelport.registry.support.RealPhones;
import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.support.SimPhone;
import dev.modelport.registry.trust.TrustFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash consistency against the real registry: the OEM releases build A and rolls it out, a phone installs it, then
 * B is released and rolled out; the phone's agent runs as a separate JVM ({@link CrashChild}, real HTTP to the
 * registry through an honest {@link MaliciousMirror} that logs every blob {@code Range}) and is killed with SIGKILL at
 * {@value #KILLS} random points across download, verify and swap, restarted each time. After every kill:
 *
 * <ul>
 *   <li>the state directory names A or B as active and that slot holds the complete file whose SHA-256 is the active
 *       digest; a client restarted on it serves that build;
 *   <li>the next run asks the registry only for bytes at or after the staging file's durable prefix (the bytes its
 *       last fsync checkpoint recorded), as the mirror's Range log shows: it never re-downloads bytes it had;
 *   <li>over each episode, the blob bytes the client read off the wire (its own count, {@code NET} lines of the
 *       child, frozen at the kill point) stay within B's size plus, per kill, what a killed download can have in
 *       flight ({@link #IN_FLIGHT_PER_KILL}: read-ahead, buffer ring, un-checkpointed tail);
 * </ul>
 *
 * and every episode ends on B. The kill points are the agent's mutating file-system calls (every 512-byte write to
 * the staging file, every fsync, record, rename and journal append), sampled at random over the calls of a whole
 * episode, so most land mid-download with the answer half read.
 *
 * <p>A and B are Q8_0 platform builds of two variants of the tiny test model that share only their header (B
 * changes every tensor), so B is almost a full download and its digest is this test's own. Restarts are cheap: the
 * first episode's child runs real llama.cpp workers ({@value #LLAMA_KILLS} kills, landing while a worker starts,
 * health-checks and swaps; no worker may outlive its killed parent), the others use {@link StubRuntime}, since this
 * test is about bytes on disk and a llama.cpp start costs seconds per restart. At the end a client with llama.cpp
 * workers, restarted on the llama episode's final state, serves B through the local API. Two episodes run at a time;
 * children share a class-data archive. Seed: {@code -Dota.crash.seed=N}.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class OtaCrashEndToEndTest {

    private static final int KILLS = 100;
    private static final int LLAMA_KILLS = 6;
    private static final int KILLS_PER_EPISODE = 25;
    private static final int BUFFER_BYTES = 512;
    private static final int CHECKPOINT_BYTES = 4096;
    /**
     * Blob bytes a download killed at one point may have read without the next run having them durably: the
     * answer's 8 KiB read-ahead, the ring of 16 buffers, the tail written since the last checkpoint (the interval,
     * plus what was written while that checkpoint's fsync ran, allowed generously), multipart framing.
     */
    static final long IN_FLIGHT_PER_KILL = 8192 + 16L * BUFFER_BYTES + 4L * CHECKPOINT_BYTES + 2048;

    /** ota-client's own classes and runtime dependencies (its pom: signing, gguf, Jackson, BouncyCastle, llama). */
    private static final Pattern CLIENT_CLASSPATH = Pattern.compile(".*/(ota-client|signing|gguf)/target/[^/]*classes/?"
            + "|.*/(ota-client|signing|gguf)-[^/]*\\.jar"
            + "|.*/(jackson-core|jackson-databind|jackson-annotations|bcprov-jdk18on|llama|annotations)"
            + "-[0-9][^/]*\\.jar");

    @TestHTTPResource("/")
    URL server;

    @TempDir
    Path tmp;

    private Path rootFile;
    private String token;
    private String phoneClass;
    private String digestA;
    private String digestB;
    private byte[] bytesB;
    private String childClasspath;
    private Path cds;
    private volatile boolean cdsReady;
    private final List<String> where = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger resumes = new AtomicInteger();

    @Test
    void killedAtAHundredRandomPointsThePhoneAlwaysServesAValidBuildNeverRefetchesAndEndsOnB() throws Exception {
        long seed = Long.getLong("ota.crash.seed", System.nanoTime());
        platformHeldOemKey("oem", "orion-mobile");
        phoneClass = deviceClass();
        String model = Fixtures.model("oem", "BASE", "PRIVATE");
        Path tiny = TestModels.vectors().resolve("tiny-f32.gguf");
        Set<String> all = GgufManifest.of(tiny).tensors().stream().map(TensorDigest::name).collect(Collectors.toSet());
        // Weights of their own (no other test uploads these bytes): uploads and build digests are shared per org.
        String v1 = version("oem", model, "1.0.0",
                Files.readAllBytes(TestModels.variantF32("crash-a", Set.of("blk.0.ffn_down.weight"))));
        String v2 = version("oem", model, "1.1.0", Files.readAllBytes(TestModels.variantF32("crash-b", all)));
        JsonPath a = platformBuild("oem", v1, phoneClass, "Q8_0");
        JsonPath b = platformBuild("oem", v2, phoneClass, "Q8_0");
        digestA = a.getString("outputDigest");
        digestB = b.getString("outputDigest");
        String channel = channel("oem", model);
        releaseAndRollOut("oem", channel, v1, a.getString("id"), phoneClass, 0, 1.0);

        rootFile = Files.write(tmp.resolve("root.json"), TrustFixtures.get("/device/v1/tuf/root.json"));
        token = SimPhone.enrollmentToken("oem", 1);
        childClasspath = CrashRuns.packClasspath(tmp, entry -> CLIENT_CLASSPATH.matcher(entry).matches());
        cds = tmp.resolve("child.jsa");
        // A phone running A: the template every episode starts from (one device, enrolled once).
        Path template = tmp.resolve("template");
        untilInstalled(() -> runChild(template, server.toString(), 0, "stub", true, tmp.resolve("template.calls")));
        assertThat(OtaClient.readStatus(template).active().buildDigest()).isEqualTo(digestA);

        releaseAndRollOut("oem", channel, v2, b.getString("id"), phoneClass, 0, 1.0);
        // An uninterrupted install of B: how many file-system calls it makes and how many bytes it fetches.
        AtomicInteger probes = new AtomicInteger();
        Run full = untilInstalled(() -> runChild(CrashRuns.copyState(template, tmp.resolve("probe-" + probes.incrementAndGet())),
                server.toString(), 0, "stub", false, tmp.resolve("probe-" + probes.get() + ".calls")));
        Path probe = tmp.resolve("probe-" + probes.get());
        bytesB = Files.readAllBytes(CrashRuns.slotFile(probe, OtaClient.readStatus(probe)));
        assertThat(TestModels.digest(CrashRuns.slotFile(probe, OtaClient.readStatus(probe)))).isEqualTo(digestB);
        System.out.printf("real-registry crash test: seed %d, %d file-system calls per install of B, %d blob bytes "
                + "read (B is %d bytes)%n", seed, full.ops, full.net, bytesB.length);

        AtomicInteger remaining = new AtomicInteger(KILLS);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Path> ends = Collections.synchronizedList(new ArrayList<>());
        Path llamaEnd = null;
        try {
            int episode = 0;
            while (remaining.get() > 0) {
                List<Future<Path>> pair = new ArrayList<>();
                for (int i = 0; i < 2 && remaining.get() > 0; i++) {
                    int e = episode++;
                    Random random = new Random(seed + e);
                    String runtime = e == 0 ? "llama" : "stub";
                    int kills = e == 0 ? LLAMA_KILLS : KILLS_PER_EPISODE;
                    pair.add(pool.submit(() -> episode(e, runtime, kills, template, full.ops, random,
                            remaining)));
                }
                for (Future<Path> f : pair) {
                    ends.add(f.get());
                }
                if (llamaEnd == null) {
                    llamaEnd = ends.get(0);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(where).hasSize(KILLS);
        assertThat(resumes.get()).as("runs that resumed from a durable checkpoint").isPositive();
        System.out.println("real-registry crash test: kill points by call: " + CrashRuns.summarize(where));

        // The llama episode's last state, restarted with llama.cpp workers, serves B through the local API.
        try (OtaClient client = RealPhones.phone(server.toString(), phoneClass, llamaEnd).build();
             LocalApiServer api = LocalApiServer.start(client.inference(), 0, 4)) {
            assertThat(RealPhones.activeModel(api)).isEqualTo(digestB);
            assertThat(client.inference().complete(CompletionRequest.greedy("Hello", 4), TokenListener.NONE)
                    .buildDigest()).isEqualTo(digestB);
        }
        CrashRuns.assertNoOrphanWorkers(tmp);
    }

    /** One phone from A to B, killed at up to {@code kills} points; returns its state directory. */
    private Path episode(int e, String runtime, int kills, Path template, int opsPerInstall, Random random,
                         AtomicInteger remaining) throws Exception {
        Path state = CrashRuns.copyState(template, tmp.resolve("episode-" + e));
        try (MaliciousMirror mirror = new MaliciousMirror(server)) { // this episode's own Range log
            return episode(e, runtime, kills, state, mirror, opsPerInstall, random, remaining);
        }
    }

    private Path episode(int e, String runtime, int kills, Path state, MaliciousMirror mirror, int opsPerInstall,
                         Random random, AtomicInteger remaining) throws Exception {
        // Restarts repeat a few calls each, so an episode makes more calls than one clean install.
        int span = opsPerInstall * 2;
        TreeSet<Integer> points = new TreeSet<>();
        if (runtime.equals("llama")) {
            // Spread over about one install, each point past the last: the first few always land before the end.
            int p = 0;
            for (int k = 0; k < kills; k++) {
                p += opsPerInstall / (2 * kills) + random.nextInt(opsPerInstall / kills);
                points.add(p);
            }
        }
        while (points.size() < kills) {
            points.add(1 + random.nextInt(span));
        }
        Path counter = tmp.resolve("episode-" + e + ".calls");
        int killed = 0;
        long net = 0;
        boolean done = false;
        for (int point : points) {
            if (Files.exists(counter) && point <= Integer.parseInt(Files.readString(counter).trim())) {
                continue; // already passed by a restart's repeated calls
            }
            if (remaining.getAndDecrement() <= 0) {
                remaining.incrementAndGet();
                break;
            }
            Run run = checkedRun(state, mirror, point, runtime, counter);
            net += run.net;
            if (run.killedAt == null) {
                remaining.incrementAndGet(); // finished before this point: not a kill
                done = true;
                break;
            }
            killed++;
            where.add(run.killedAt);
            CrashRuns.assertValidAndServing(state, digestA, digestB);
        }
        if (!done) {
            net += checkedRun(state, mirror, 0, runtime, counter).net;
        }
        if (runtime.equals("llama")) {
            assertThat(killed).as("kills with llama.cpp workers").isGreaterThanOrEqualTo(3);
        }
        OtaStatus end = OtaClient.readStatus(state);
        assertThat(end.active().buildDigest()).isEqualTo(digestB);
        assertThat(end.stagingDigests()).isEmpty();
        assertThat(net).as("blob bytes read over %d kills", killed)
                .isLessThanOrEqualTo(bytesB.length + killed * IN_FLIGHT_PER_KILL);
        System.out.printf("real-registry crash test: episode %d (%s runtime): %d kills, ended on B; %d blob bytes read "
                + "in all (B is %d, allowance %d per kill)%n", e, runtime, killed, net, bytesB.length,
                IN_FLIGHT_PER_KILL);
        return state;
    }

    /** A child run whose blob requests all start at or after the durable prefix staged before it. */
    private Run checkedRun(Path state, MaliciousMirror mirror, int killAt, String runtime, Path counter)
            throws Exception {
        long staged = CrashRuns.durablePrefix(state, digestB, bytesB);
        if (staged > 0) {
            resumes.incrementAndGet();
        }
        int before = mirror.blobRanges.size();
        Run run = runChild(state, mirror.url(), killAt, runtime, false, counter);
        List<String> ranges;
        synchronized (mirror.blobRanges) {
            ranges = List.copyOf(mirror.blobRanges.subList(before, mirror.blobRanges.size()));
        }
        for (String header : ranges) {
            assertThat(header).startsWith("bytes=");
            for (String spec : header.substring(6).split(",")) {
                long start = Long.parseLong(spec.trim().split("-")[0]);
                assertThat(start).as("range %s re-fetches bytes below the %d durably staged", header, staged)
                        .isGreaterThanOrEqualTo(staged);
            }
        }
        if (run.killedAt == null) {
            assertThat(run.done).matches("(INSTALLED|UP_TO_DATE).*");
        }
        return run;
    }

    private record Run(String killedAt, String done, int ops, long net) {}

    private interface ChildRun {
        Run run() throws Exception;
    }

    /** Runs until the child installs (the check-in snapshot follows a release's commit shortly after it). */
    private static Run untilInstalled(ChildRun child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Run r = child.run();
            if (r.done.startsWith("INSTALLED")) {
                return r;
            }
            assertThat(System.nanoTime()).as("installed within 60 s: " + r.done).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private Run runChild(Path state, String serverUrl, int killAt, String runtime, boolean writeArchive,
                         Path counter) throws Exception {
        Files.createDirectories(state);
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-Dota.crash.bufferBytes=" + BUFFER_BYTES, "-Dota.crash.checkpointBytes=" + CHECKPOINT_BYTES));
        if (writeArchive) {
            cmd.add("-XX:ArchiveClassesAtExit=" + cds);
        } else if (cdsReady) {
            cmd.add("-XX:SharedArchiveFile=" + cds);
        }
        cmd.addAll(List.of("-cp", childClasspath, CrashChild.class.getName(), state.toString(), serverUrl,
                rootFile.toString(), Integer.toString(killAt), runtime, counter.toString(), token, phoneClass, "DE"));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        String killedAt = null;
        String done = null;
        int ops = -1;
        long net = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("KILLPOINT ")) {
                    killedAt = line.substring(10);
                    p.destroyForcibly(); // SIGKILL
                    break;
                } else if (line.startsWith("NET ")) {
                    net = Long.parseLong(line.substring(4));
                } else if (line.startsWith("DONE ")) {
                    done = line.substring(5);
                } else if (line.startsWith("OPS ")) {
                    ops = Integer.parseInt(line.substring(4));
                }
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child did not finish: " + String.join("\n", lines));
        }
        if (killedAt != null) {
            assertThat(p.exitValue()).isEqualTo(137); // 128 + SIGKILL
        } else {
            assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
            assertThat(done).as(String.join("\n", lines)).isNotNull();
        }
        if (writeArchive && Files.exists(cds)) {
            cdsReady = true;
        }
        return new Run(killedAt, done, ops, net);
    }

}
