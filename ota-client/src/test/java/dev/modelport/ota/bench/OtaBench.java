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
 *   <li>download + verify throughput of a large generated blob from nginx on loopback through the
 *       whole client path (TUF, ranged download, streaming SHA-256 on its own thread, fsync
 *       checkpoints, rename into the slot), against {@code curl -o} from the same nginx, and
 *       against {@code curl -o} followed by {@code sync FILE} (the same durability);
 *   <li>request latency through the local API during a swap versus steady state, side by side and
 *       one at a time (low RAM), on real llama.cpp workers;
 *   <li>delta bytes versus full bytes for k of n tensors changed.
 * </ol>
 *
 * <pre>
 * ./modelport bench ota [--size-mib 2048] [--dir DIR] [--only download|swap|delta] [--checkpoint-mib N]
 * </pre>
 *
 * (the launcher installs nginx and curl with apt-get when they are missing, builds the test
 * classes and runs this class on the test classpath).
 */
public final class OtaBench {
  private OtaBench() {}

  /** Download checkpoint interval in MiB; 0: the client's default. */
  static long checkpointMib;

  public static void main(String[] args) throws Exception {
    long sizeMib = 2048;
    Path dir = null;
    String only = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--size-mib" -> sizeMib = Long.parseLong(args[i + 1]);
        case "--dir" -> dir = Paths.get(args[i + 1]);
        case "--only" -> only = args[i + 1];
        case "--checkpoint-mib" -> checkpointMib = Long.parseLong(args[i + 1]);
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

  private static final int ROUNDS = 3;

  /**
   * The same blob from the same nginx, side by side, {@link #ROUNDS} rounds of: SHA-256 in memory;
   * {@code curl -o}, then {@code sync FILE} (curl made durable); {@code curl | tee FILE | openssl
   * dgst -sha256}, then {@code sync FILE} (the client's work done by the usual tools: download,
   * write, hash, durable); then the whole client path. The client gets the blob through the fake
   * registry's 302 to nginx (as a device follows the registry's redirect to object storage). Each
   * row also gets its CPU seconds (the curl rows: curl, tee, openssl and sync, from the reaped
   * children's times; the client: this JVM's CPU time, which includes the in-process fake
   * registry's few requests), because on a shared machine wall time follows the CPU a process
   * gets. nginx's CPU is in neither. The medians are the result.
   */
  static void download(Path dir, long sizeMib) throws Exception {
    Path www = Files.createDirectories(dir.resolve("www"));
    long len = sizeMib << 20;
    Path tmpBlob = www.resolve("blob.tmp");
    String hex = generate(tmpBlob, len);
    Path blob = www.resolve(hex);
    Files.move(tmpBlob, blob, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    double[] curl = new double[ROUNDS];
    double[] curlSync = new double[ROUNDS];
    double[] tee = new double[ROUNDS];
    double[] teeSync = new double[ROUNDS];
    double[] client = new double[ROUNDS];
    double[] curlCpu = new double[ROUNDS];
    double[] teeCpu = new double[ROUNDS];
    double[] clientCpu = new double[ROUNDS];
    double[] syncInside = new double[ROUNDS];
    double[] finalSync = new double[ROUNDS];
    double[] sha = new double[ROUNDS];
    double[] transfer = new double[ROUNDS];
    String checkpoints = "";
    try (Nginx nginx = Nginx.serve(www, Files.createDirectories(dir.resolve("nginx")));
        FakeRegistry reg = new FakeRegistry()) {
      reg.addBlob(blob, "sha256:" + hex);
      reg.blobBaseUrl = nginx.url();
      String path = reg.tuf.addRawBuild("big.bin", len, hex, 1);
      ObjectNode offer = new ObjectMapper().createObjectNode().put("action", "UPDATE").put("nextPollSeconds", 60);
      offer.putObject("tuf").put("repository", FakeRegistry.TUF_PREFIX).put("targetPath", path);
      offer.putObject("target").put("digest", "sha256:" + hex).put("length", len);
      reg.offerRaw(offer);
      System.out.printf("%n== download + verify, %d MiB, from nginx on loopback (sendfile), %d rounds ==%n", sizeMib,
          ROUNDS);
      System.out.println("load average before: " + loadAverage());
      String url = nginx.url() + hex;
      for (int round = 0; round < ROUNDS; round++) {
        sha[round] = sha256Seconds(len);
        Path out = dir.resolve("curl.out");
        double k0 = childCpuSeconds();
        long c0 = System.nanoTime();
        run("curl", "-s", "-f", "-o", out.toString(), url);
        curl[round] = (System.nanoTime() - c0) / 1e9;
        curlCpu[round] = childCpuSeconds() - k0;
        run("sync", out.toString());
        curlSync[round] = (System.nanoTime() - c0) / 1e9;
        Files.delete(out);
        k0 = childCpuSeconds();
        c0 = System.nanoTime();
        run("sh", "-c", "curl -s -f '" + url + "' | tee '" + out + "' | openssl dgst -sha256 >/dev/null");
        tee[round] = (System.nanoTime() - c0) / 1e9;
        teeCpu[round] = childCpuSeconds() - k0;
        run("sync", out.toString());
        teeSync[round] = (System.nanoTime() - c0) / 1e9;
        Files.delete(out);
        Path state = dir.resolve("device-" + System.nanoTime());
        TimedFileSystem fs = new TimedFileSystem();
        List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicLong firstByte = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong downloaded = new java.util.concurrent.atomic.AtomicLong();
        double j0 = processCpuSeconds();
        long t0 = System.nanoTime();
        OtaClient.Builder builder = TestDevices.builder(reg, state);
        if (checkpointMib > 0) {
          builder.downloadCheckpoints(checkpointMib << 20, java.time.Duration.ofDays(1));
        }
        try (OtaClient c = builder.runtime(new StubRuntime()).fileSystem(fs)
            .addListener(new dev.modelport.ota.OtaListener() {
              @Override
              public void onMessage(String m) {
                messages.add(m);
                if (m.startsWith("downloaded ")) {
                  downloaded.set(System.nanoTime());
                }
              }

              @Override
              public void onProgress(dev.modelport.ota.Progress p) {
                if (p.phase() == dev.modelport.ota.Progress.Phase.DOWNLOAD && p.done() > 0) {
                  firstByte.compareAndSet(0, System.nanoTime());
                }
              }
            }).build()) {
          CheckInOutcome o = c.checkIn();
          if (o.result() != CheckInOutcome.Result.INSTALLED) {
            throw new IllegalStateException(o.detail());
          }
        }
        client[round] = (System.nanoTime() - t0) / 1e9;
        clientCpu[round] = processCpuSeconds() - j0;
        transfer[round] = (downloaded.get() - firstByte.get()) / 1e9;
        syncInside[round] = fs.syncNanos.get() / 1e9;
        finalSync[round] = fs.lastStagingSyncNanos / 1e9;
        checkpoints = messages.stream().filter(m -> m.startsWith("downloaded ")).findFirst().orElse("");
        deleteTree(state);
        System.out.printf("round %d (load %s): sha256 in memory %5.2f s; curl -o %5.2f s (%4.2f s CPU), + sync %5.2f s;"
                + " curl|tee|openssl %5.2f s (%4.2f s CPU), + sync %5.2f s; client %5.2f s (%4.2f s CPU; first byte"
                + " to verified %5.2f s), fsync time %5.2f s (final %4.2f s); ratio %.2f x curl, %.2f x curl+sync,"
                + " %.2f x curl|tee|openssl, %.2f x same+sync, %.2f x sha256%n",
            round + 1, loadAverage().split(" ")[0], sha[round], curl[round], curlCpu[round], curlSync[round],
            tee[round], teeCpu[round], teeSync[round], client[round], clientCpu[round], transfer[round],
            syncInside[round], finalSync[round], curl[round] / client[round], curlSync[round] / client[round],
            tee[round] / client[round], teeSync[round] / client[round], sha[round] / client[round]);
      }
    }
    double mc = median(curl);
    double ms = median(curlSync);
    double mt = median(tee);
    double mts = median(teeSync);
    double mk = median(client);
    System.out.printf("curl -o (download only), median:                   %6.2f s  %7.1f MiB/s  CPU %5.2f s%n", mc,
        sizeMib / mc, median(curlCpu));
    System.out.printf("curl -o, then sync FILE (durable), median:         %6.2f s  %7.1f MiB/s%n", ms, sizeMib / ms);
    System.out.printf("curl | tee FILE | openssl dgst -sha256, median:    %6.2f s  %7.1f MiB/s  CPU %5.2f s%n", mt,
        sizeMib / mt, median(teeCpu));
    System.out.printf("  the same, then sync FILE, median:                %6.2f s  %7.1f MiB/s%n", mts, sizeMib / mts);
    System.out.printf("ota-client (TUF, download, sha256, fsync checkpoints, rename), median: %6.2f s  %7.1f MiB/s"
        + "  CPU %5.2f s%n", mk, sizeMib / mk, median(clientCpu));
    double mh = median(sha);
    System.out.printf("  of which first byte to verified (download, sha256, checkpoints, final fsync), median: %6.2f s%n",
        median(transfer));
    System.out.printf("SHA-256 of the same number of bytes in memory, 1 thread (the hashing bound), median: %6.2f s"
        + "  %7.1f MiB/s%n", mh, sizeMib / mh);
    System.out.printf("ratio (median times): %.2f x curl, %.2f x curl+sync, %.2f x curl|tee|openssl, %.2f x"
        + " curl|tee|openssl+sync, %.2f x in-memory sha256; CPU ratio %.2f x curl, %.2f x curl|tee|openssl;"
        + " fsync calls took %.2f s (median; the last one %.2f s)%n", mc / mk, ms / mk, mt / mk, mts / mk, mh / mk,
        median(curlCpu) / median(clientCpu), median(teeCpu) / median(clientCpu), median(syncInside),
        median(finalSync));
    // Side by side within a round is the fairer comparison on a shared machine: the load moves between rounds.
    System.out.printf("per-round ratios, median: %.2f x curl, %.2f x curl+sync, %.2f x curl|tee|openssl, %.2f x"
        + " curl|tee|openssl+sync; CPU %.2f x curl, %.2f x curl|tee|openssl%n", medianRatio(curl, client),
        medianRatio(curlSync, client), medianRatio(tee, client), medianRatio(teeSync, client),
        medianRatio(curlCpu, clientCpu), medianRatio(teeCpu, clientCpu));
    System.out.println("client log: " + checkpoints);
    System.out.println("load average after: " + loadAverage());
    Files.deleteIfExists(blob);
  }

  /** CPU seconds of this process's reaped children (utime + stime of the ones waited for), from /proc. */
  static double childCpuSeconds() throws IOException {
    String stat = Files.readString(Paths.get("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields 16 and 17 of proc(5) (cutime, cstime) are f[13] and f[14] after the command name
    return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
  }

  /** CPU seconds of this JVM, all threads. */
  static double processCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  /** Seconds one thread needs to SHA-256 {@code len} bytes already in memory (the client's bound). */
  static double sha256Seconds(long len) throws Exception {
    byte[] buf = new byte[1 << 20];
    new java.util.Random(1).nextBytes(buf);
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    long t0 = System.nanoTime();
    for (long done = 0; done < len; done += buf.length) {
      md.update(buf, 0, (int) Math.min(buf.length, len - done));
    }
    md.digest();
    return (System.nanoTime() - t0) / 1e9;
  }

  static String loadAverage() {
    try {
      return Files.readString(Paths.get("/proc/loadavg")).trim() + " (" + Runtime.getRuntime().availableProcessors()
          + " cores)";
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The median over rounds of {@code baseline[i] / measured[i]}. */
  static double medianRatio(double[] baseline, double[] measured) {
    double[] r = new double[baseline.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = baseline[i] / measured[i];
    }
    return median(r);
  }

  static double median(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s[s.length / 2];
  }

  static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed (is it installed?)");
    }
  }

  /** The real file system, timing every fsync of a file being written. */
  static final class TimedFileSystem extends dev.modelport.ota.FileSystem.Forwarding {
    final java.util.concurrent.atomic.AtomicLong syncNanos = new java.util.concurrent.atomic.AtomicLong();
    volatile long lastStagingSyncNanos;

    TimedFileSystem() {
      super(dev.modelport.ota.FileSystem.SYSTEM);
    }

    @Override
    public Sink appending(Path file) throws IOException {
      return timed(super.appending(file), file);
    }

    private Sink timed(Sink s, Path file) {
      boolean staging = file.getFileName().toString().endsWith(".part");
      return new Sink() {
        @Override
        public void write(java.nio.ByteBuffer bytes) throws IOException {
          s.write(bytes);
        }

        @Override
        public void sync() throws IOException {
          long t0 = System.nanoTime();
          s.sync();
          long d = System.nanoTime() - t0;
          syncNanos.addAndGet(d);
          if (staging) {
            lastStagingSyncNanos = d;
          }
        }

        @Override
        public void close() throws IOException {
          s.close();
        }
      };
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
