package dev.modelport.ota.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.gguf.digest.GgufManifest;
import dev.modelport.gguf.digest.TensorDigest;
import dev.modelport.ota.CheckInOutcome;
import dev.modelport.ota.OtaClient;
import dev.modelport.ota.agent.LocalApiServer;
import dev.modelport.ota.testing.FakeRegistry;
import dev.modelport.ota.testing.LoadGenerator;
import dev.modelport.ota.testing.StubRuntime;
import dev.modelport.ota.testing.TestDevices;
import dev.modelport.ota.testing.TestModels;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Benchmarks, not a test. Three tables:
 *
 * <ol>
 *   <li>download + verify throughput of a large generated blob from a loopback server (the JDK
 *       HTTP server of the test fake) through the whole client path (TUF, ranged download, streaming
 *       SHA-256, fsync, rename into the slot), against {@code curl} from the same server writing to
 *       disk, plus {@code sha256sum} to make it a fair "download and verify";
 *   <li>request latency through the local API during a swap versus steady state, side by side and
 *       one at a time (low RAM), on real llama.cpp workers;
 *   <li>delta bytes versus full bytes for k of n tensors changed.
 * </ol>
 *
 * <pre>
 * ./modelport mvn -q -pl ota-client -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/ota-cp.txt
 * java -cp "ota-client/target/test-classes:ota-client/target/classes:signing/target/classes:gguf/target/classes:$(cat /tmp/ota-cp.txt)" \
 *   dev.modelport.ota.bench.OtaBench [--size-mib 2048] [--dir DIR] [--only download|swap|delta]
 * </pre>
 */
public final class OtaBench {
  private OtaBench() {}

  public static void main(String[] args) throws Exception {
    long sizeMib = 2048;
    Path dir = null;
    String only = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--size-mib" -> sizeMib = Long.parseLong(args[i + 1]);
        case "--dir" -> dir = Paths.get(args[i + 1]);
        case "--only" -> only = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    dir = dir == null ? Files.createTempDirectory("ota-bench") : Files.createDirectories(dir);
    if (only == null || only.equals("download")) {
      download(dir, sizeMib);
    }
    if (only == null || only.equals("swap")) {
      swap(dir, false);
      swap(dir, true);
    }
    if (only == null || only.equals("delta")) {
      delta(dir);
    }
    System.exit(0);
  }

  // ---- 1: download + verify ----

  static void download(Path dir, long sizeMib) throws Exception {
    Path blob = dir.resolve("blob-" + sizeMib + "m.bin");
    long len = sizeMib << 20;
    String hex = generate(blob, len);
    try (FakeRegistry reg = new FakeRegistry()) {
      reg.openBlobs = true;
      reg.addBlob(blob, "sha256:" + hex);
      String path = reg.tuf.addRawBuild("big.bin", len, hex, 1);
      ObjectNode offer = new ObjectMapper().createObjectNode().put("action", "UPDATE").put("nextPollSeconds", 60);
      offer.putObject("tuf").put("repository", FakeRegistry.TUF_PREFIX).put("targetPath", path);
      offer.putObject("target").put("digest", "sha256:" + hex).put("length", len);
      reg.offerRaw(offer);
      Path state = dir.resolve("device-" + System.nanoTime());
      long t0 = System.nanoTime();
      try (OtaClient c = TestDevices.builder(reg, state).runtime(new StubRuntime()).downloadBufferBytes(1 << 20).build()) {
        CheckInOutcome o = c.checkIn();
        if (o.result() != CheckInOutcome.Result.INSTALLED) {
          throw new IllegalStateException(o.detail());
        }
      }
      double client = (System.nanoTime() - t0) / 1e9;
      System.out.printf("%n== download + verify, %d MiB from a loopback JDK HTTP server ==%n", sizeMib);
      System.out.printf("ota-client (TUF, download, streaming sha256, fsync, rename): %6.1f s  %7.1f MiB/s%n", client,
          sizeMib / client);
      deleteTree(state);
      String url = reg.url() + "device/v1/blobs/sha256:" + hex;
      Path out = dir.resolve("curl.out");
      long c0 = System.nanoTime();
      Process curl = new ProcessBuilder("curl", "-s", "-o", out.toString(), url).inheritIO().start();
      if (!curl.waitFor(30, TimeUnit.MINUTES) || curl.exitValue() != 0) {
        System.out.println("curl failed or is not installed");
        return;
      }
      double curlSecs = (System.nanoTime() - c0) / 1e9;
      long s0 = System.nanoTime();
      Process sum = new ProcessBuilder("sha256sum", out.toString()).redirectErrorStream(true).start();
      String sumOut = new String(sum.getInputStream().readAllBytes()).trim();
      sum.waitFor();
      double sumSecs = (System.nanoTime() - s0) / 1e9;
      if (!sumOut.startsWith(hex)) {
        throw new IllegalStateException("curl got other bytes: " + sumOut);
      }
      System.out.printf("curl -o (download only):                                  %6.1f s  %7.1f MiB/s%n", curlSecs,
          sizeMib / curlSecs);
      System.out.printf("curl -o, then sha256sum:                                  %6.1f s  %7.1f MiB/s%n",
          curlSecs + sumSecs, sizeMib / (curlSecs + sumSecs));
      System.out.println("(nginx is not installed here, so curl reads from the same JDK server as the client)");
      Files.deleteIfExists(out);
    }
  }

  /** Writes {@code len} pseudo-random bytes and returns their sha256. */
  static String generate(Path file, long len) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] buf = new byte[8 << 20];
    long x = 0x9E3779B97F4A7C15L;
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long done = 0; done < len; done += buf.length) {
        for (int i = 0; i < buf.length; i += 8) {
          x ^= x << 13;
          x ^= x >>> 7;
          x ^= x << 17;
          for (int k = 0; k < 8; k++) {
            buf[i + k] = (byte) (x >>> (8 * k));
          }
        }
        int n = (int) Math.min(buf.length, len - done);
        out.write(buf, 0, n);
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  // ---- 2: swap latency ----

  static void swap(Path dir, boolean lowRam) throws Exception {
    Path a = TestModels.buildA();
    Path b = TestModels.buildB();
    Path state = dir.resolve("swap-" + System.nanoTime());
    var runtime = TestDevices.llama(state);
    long budget = lowRam ? runtime.memoryEstimate(b) * 3 / 2 : 0;
    try (FakeRegistry reg = new FakeRegistry();
        OtaClient client = TestDevices.builder(reg, state).runtime(runtime).memoryBudgetBytes(budget).build();
        LocalApiServer api = LocalApiServer.start(client.inference(), 0, 16)) {
      reg.offer(reg.publish("a.gguf", a, 1), a);
      client.checkIn();
      String pathB = reg.publish("b.gguf", b, 1);
      LoadGenerator load = new LoadGenerator(api.port(), 4).start();
      Thread.sleep(3000);
      long s0 = System.nanoTime();
      reg.offer(pathB, b);
      CheckInOutcome o = client.checkIn();
      long s1 = System.nanoTime();
      Thread.sleep(1000);
      load.close();
      System.out.printf("%n== local API latency during a swap (%s), 4 clients, real llama.cpp ==%n",
          lowRam ? "one at a time: budget below two models" : "side by side");
      System.out.printf("result %s; %d requests, %d failed; swap (check-in to switched) %.0f ms%n", o.result(),
          load.ok.get(), load.failures.size(), (s1 - s0) / 1e6);
      System.out.printf("steady state: p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n", load.percentileMs(50, 0, s0),
          load.percentileMs(99, 0, s0), load.percentileMs(100, 0, s0));
      System.out.printf("during swap:  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms (max = the swap pause a request saw)%n",
          load.percentileMs(50, s0, s1), load.percentileMs(99, s0, s1), load.percentileMs(100, s0, s1));
    }
    deleteTree(state);
  }

  // ---- 3: delta ----

  static void delta(Path dir) throws Exception {
    Path a = TestModels.buildA();
    List<String> names = GgufManifest.of(a).tensors().stream().map(TensorDigest::name).toList();
    System.out.printf("%n== delta vs full download (tiny model, Q8_0, %d tensors) ==%n", names.size());
    System.out.println("  k  changed-tensor bytes  fetched on the wire  full size   fetched/full");
    for (int k : new int[] {1, 3, 8, 21}) {
      Path b = TestModels.variant("bench-k" + k, Set.copyOf(names.subList(0, k)));
      Path state = dir.resolve("delta-" + System.nanoTime());
      try (FakeRegistry reg = new FakeRegistry();
          OtaClient c = TestDevices.builder(reg, state).runtime(new StubRuntime()).build()) {
        reg.offer(reg.publish("a.gguf", a, 1), a);
        c.checkIn();
        reg.offer(reg.publish("b.gguf", b, 1), b);
        reg.resetCounters();
        c.checkIn();
        long wire = reg.bytesServed(TestModels.digest(b));
        GgufManifest ma = GgufManifest.of(a);
        long changed = GgufManifest.of(b).tensors().stream()
            .filter(t -> ma.tensors().stream().noneMatch(x -> x.sha256().equals(t.sha256())))
            .mapToLong(t -> t.range().length()).sum();
        System.out.printf("%3d  %20d  %19d  %9d  %12.3f%n", k, changed, wire, Files.size(b), (double) wire / Files.size(b));
      }
      deleteTree(state);
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var s = Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
