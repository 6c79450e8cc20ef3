package dev.modelport.ota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.ota.agent.LocalApiServer;
import dev.modelport.ota.testing.CrashChild;
import dev.modelport.ota.testing.CrashRuns;
import dev.modelport.ota.testing.FakeRegistry;
import dev.modelport.ota.testing.LoadGenerator;
import dev.modelport.ota.testing.StubRuntime;
import dev.modelport.ota.testing.TestDevices;
import dev.modelport.ota.testing.TestModels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash consistency: the agent runs in a child JVM ({@link CrashChild}) and is killed with
 * SIGKILL at 100 random points across download, verify and swap. The points are the agent's
 * file-system calls (every 4 KiB written to the staging file, every fsync, rename and journal
 * append), so most land mid-download with the HTTP answer half read. After every kill:
 *
 * <ul>
 *   <li>the state directory names A or B as active, and that slot holds the complete file whose
 *       SHA-256 is the active digest (never half a file, never a dangling pointer);
 *   <li>a client restarted on it recovers and serves the active build;
 *   <li>the staging file's durable prefix (the bytes its last fsync checkpoint recorded) is a
 *       prefix of B;
 *   <li>the next run asks the server only for bytes beyond that durable prefix (never
 *       re-downloads bytes it had), as the fake server's Range log proves. Only fsynced bytes
 *       count as had: bytes past the last checkpoint survive a SIGKILL but not a power cut, so the
 *       client drops them; the child checkpoints every 8 KiB so that resumes keep real progress.
 * </ul>
 *
 * <p>Each episode starts from a device running A and ends on B. Its kill points are a sorted random
 * sample of the file-system calls the device makes over the whole episode (counted across
 * restarts, so the calls a restart repeats are crash points too), each run dying further along. The first
 * episode's child uses real llama.cpp workers (kills land while a worker starts and
 * health-checks, and the test checks no worker outlives its killed parent); the others use {@link
 * StubRuntime}, because this test is about bytes on disk and a llama.cpp start costs seconds. At
 * the end a real llama.cpp client serves B from the last state. {@link FakeRegistry} stands in for
 * registry-service. Two episodes run at a time; child JVMs share a class-data archive to start
 * faster. Seed: {@code -Dota.crash.seed=N}.
 */
class CrashConsistencyTest {
  private static final int KILLS = 100;
  private static final int KILLS_PER_EPISODE = 25;

  @TempDir
  Path tmp;

  private Path rootFile;
  private String digestA;
  private String digestB;
  private String childClasspath;
  private Path cds;
  private volatile boolean cdsReady;
  private final List<String> where = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> durablePrefixes = Collections.synchronizedList(new ArrayList<>());
  private Path fileB;

  @Test
  void killedAtAHundredRandomPointsTheDeviceAlwaysHasAValidBuildAndEndsOnB() throws Exception {
    long seed = Long.getLong("ota.crash.seed", System.nanoTime());
    Path a = TestModels.buildA();
    Path b = TestModels.buildB();
    digestA = TestModels.digest(a);
    digestB = TestModels.digest(b);
    fileB = b;
    childClasspath = CrashRuns.packClasspath(tmp, entry -> true);
    cds = tmp.resolve("child.jsa");
    try (FakeRegistry reg = new FakeRegistry()) {
      rootFile = Files.write(tmp.resolve("root.json"), reg.tuf.bootstrapRoot);
      String pathA = reg.publish("a.gguf", a, 1);
      String pathB = reg.publish("b.gguf", b, 1);

      // A device running A: the template every episode starts from.
      Path template = tmp.resolve("template");
      reg.offer(pathA, a);
      assertThat(runChild(template, reg, 0, "stub", true, tmp.resolve("template.calls")).done).startsWith("INSTALLED");
      // How many file-system calls an uninterrupted install of B makes.
      reg.offer(pathB, b);
      Run full = runChild(CrashRuns.copyState(template, tmp.resolve("probe")), reg, 0, "stub", false, tmp.resolve("probe.calls"));
      assertThat(full.done).startsWith("INSTALLED");
      int opsPerInstall = full.ops;
      long fetched = reg.bytesServed(digestB);
      System.out.printf("crash test: seed %d, %d file-system calls per install of B, %d bytes fetched (delta of %d)%n",
          seed, opsPerInstall, fetched, Files.size(b));

      AtomicInteger remaining = new AtomicInteger(KILLS);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Path> ends = Collections.synchronizedList(new ArrayList<>());
      try {
        int episode = 0;
        while (remaining.get() > 0) {
          List<Future<Path>> pair = new ArrayList<>();
          for (int i = 0; i < 2 && remaining.get() > 0; i++) {
            int e = episode++;
            Random random = new Random(seed + e);
            pair.add(pool.submit(() -> episode(e, e == 0 ? "llama" : "stub", template, reg, pathB, b,
                opsPerInstall, random, remaining)));
          }
          for (Future<Path> f : pair) {
            ends.add(f.get());
          }
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(where).hasSize(KILLS);
      assertThat(durablePrefixes).as("some runs resumed from a durable checkpoint").isNotEmpty();
      System.out.println("crash test: kill points by call: " + CrashRuns.summarize(where));

      // The last device, restarted with real llama.cpp workers, serves B through the local API.
      Path last = ends.get(ends.size() - 1);
      try (OtaClient client = TestDevices.builder(reg, last).build();
          LocalApiServer api = LocalApiServer.start(client.inference(), 0, 4)) {
        assertThat(LoadGenerator.get(api.port(), "/v1/models")).contains(digestB);
        assertThat(client.inference().complete(CompletionRequest.greedy("Hello", 4), TokenListener.NONE).buildDigest())
            .isEqualTo(digestB);
      }
      CrashRuns.assertNoOrphanWorkers(tmp);
    }
  }

  /** One device from A to B, killed at up to {@link #KILLS_PER_EPISODE} points; returns its state. */
  private Path episode(int e, String runtime, Path template, FakeRegistry main, String pathB, Path b, int opsPerInstall,
      Random random, AtomicInteger remaining) throws Exception {
    Path state = CrashRuns.copyState(template, tmp.resolve("episode-" + e));
    try (FakeRegistry reg = new FakeRegistry(main.tuf)) { // same repository and fleet, its own request log
      reg.trustDevicesOf(main);
      reg.addBlob(TestModels.buildA());
      reg.addBlob(b);
      reg.offer(pathB, b);
      // Restarts repeat a few calls each, so the episode makes more calls than one clean install.
      int span = opsPerInstall * 2;
      TreeSet<Integer> points = new TreeSet<>();
      while (points.size() < KILLS_PER_EPISODE) {
        points.add(1 + random.nextInt(span));
      }
      Path counter = tmp.resolve("episode-" + e + ".calls");
      int kills = 0;
      boolean done = false;
      for (int point : points) {
        if (Files.exists(counter) && point <= Integer.parseInt(Files.readString(counter).trim())) {
          continue; // already passed by a restart's repeated calls
        }
        if (remaining.getAndDecrement() <= 0) {
          remaining.incrementAndGet();
          break;
        }
        long staged = stagingSize(state);
        int before = reg.rangeRequests.size();
        Run run = runChild(state, reg, point, runtime, false, counter);
        assertNoRangeBelow(reg.rangeRequests.subList(before, reg.rangeRequests.size()), staged);
        if (run.killedAt == null) {
          remaining.incrementAndGet(); // finished before this point: not a kill
          assertThat(run.done).matches("(INSTALLED|UP_TO_DATE).*");
          done = true;
          break;
        }
        kills++;
        where.add(run.killedAt);
        CrashRuns.assertValidAndServing(state, digestA, digestB);
      }
      if (!done) {
        long staged = stagingSize(state);
        int before = reg.rangeRequests.size();
        Run run = runChild(state, reg, 0, runtime, false, counter);
        assertNoRangeBelow(reg.rangeRequests.subList(before, reg.rangeRequests.size()), staged);
        assertThat(run.done).matches("(INSTALLED|UP_TO_DATE).*");
      }
      assertThat(OtaClient.readStatus(state).active().buildDigest()).isEqualTo(digestB);
      assertThat(OtaClient.readStatus(state).stagingDigests()).isEmpty();
      System.out.printf("crash test: episode %d (%s runtime): %d kills, ended on B; B bytes served %d%n", e, runtime,
          kills, reg.bytesServed(digestB));
    }
    return state;
  }

  private record Run(String killedAt, String done, int ops) {}

  private Run runChild(Path state, FakeRegistry reg, int killAt, String runtime, boolean writeArchive, Path counter)
      throws Exception {
    Files.createDirectories(state);
    List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    if (writeArchive) {
      cmd.add("-XX:ArchiveClassesAtExit=" + cds);
    } else if (cdsReady) {
      cmd.add("-XX:SharedArchiveFile=" + cds);
    }
    cmd.addAll(List.of("-cp", childClasspath, CrashChild.class.getName(), state.toString(), reg.url(),
        rootFile.toString(), Integer.toString(killAt), runtime, counter.toString()));
    Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    String killedAt = null;
    String done = null;
    int ops = -1;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("KILLPOINT ")) {
          killedAt = line.substring(10);
          p.destroyForcibly(); // SIGKILL
          break;
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
    return new Run(killedAt, done, ops);
  }

  /** The staging file's durable prefix, after checking that it is a prefix of B. */
  private long stagingSize(Path state) throws IOException {
    long durable = CrashRuns.durablePrefix(state, digestB, Files.readAllBytes(fileB));
    if (durable > 0) {
      durablePrefixes.add(durable);
    }
    return durable;
  }

  /** Every byte requested lies at or after what the staging file held before the run. */
  private static void assertNoRangeBelow(List<String> requests, long staged) {
    synchronized (requests) {
      for (String header : List.copyOf(requests)) {
        assertThat(header).startsWith("bytes=");
        for (String spec : header.substring(6).split(",")) {
          long start = Long.parseLong(spec.trim().split("-")[0]);
          assertThat(start).as("range %s re-fetches bytes below the %d already staged", header, staged)
              .isGreaterThanOrEqualTo(staged);
        }
      }
    }
  }

}
