package dev.modelport.ota.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.ota.CompletionRequest;
import dev.modelport.ota.FileSystem;
import dev.modelport.ota.OtaClient;
import dev.modelport.ota.OtaStatus;
import dev.modelport.ota.TokenListener;
import dev.modelport.ota.internal.download.BlobDownloader;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * What the crash-consistency tests share, against the fake registry (ota-client) and the real one
 * (registry-service): checking a killed agent's state, its staging file, its workers, and starting its
 * child JVM fast.
 */
public final class CrashRuns {
  private CrashRuns() {
  }

  /** The state names one of {@code allowed} as active, and the slot holds exactly that file. Then a restart serves it. */
  public static void assertValidAndServing(Path state, String... allowed) throws Exception {
    OtaStatus s = OtaClient.readStatus(state);
    assertThat(s.active()).as("an active build after every crash").isNotNull();
    assertThat(s.active().buildDigest()).isIn((Object[]) allowed);
    assertThat(TestModels.digest(slotFile(state, s))).isEqualTo(s.active().buildDigest());
    try (OtaClient restarted = OtaClient.builder().serverUrl("http://127.0.0.1:9/").stateDir(state)
        .profile(TestDevices.profile()).runtime(new StubRuntime()).build()) {
      assertThat(restarted.inference().complete(CompletionRequest.greedy("Hello", 2), TokenListener.NONE)
          .buildDigest()).isEqualTo(s.active().buildDigest());
    }
  }

  /** The file of the active build in its slot. */
  public static Path slotFile(Path state, OtaStatus s) {
    return state.resolve("slots").resolve(s.activeSlot()).resolve(s.active().buildDigest().substring(7) + ".gguf");
  }

  /** The durable prefix of the staging file of {@code digest}, after checking that it is a prefix of {@code bytes}. */
  public static long durablePrefix(Path state, String digest, byte[] bytes) throws IOException {
    Path part = state.resolve("staging").resolve(digest.substring(7) + ".part");
    long durable = BlobDownloader.durableBytes(FileSystem.SYSTEM, part);
    if (durable > 0) {
      byte[] staged = Files.readAllBytes(part);
      assertThat(Arrays.equals(staged, 0, (int) durable, bytes, 0, (int) durable))
          .as("the durable %d bytes of the staging file are a prefix of the target", durable).isTrue();
    }
    return durable;
  }

  /** Kill points counted by operation and path, with digests and repository ids folded. */
  public static String summarize(List<String> where) {
    Map<String, Integer> byOp = new TreeMap<>();
    synchronized (where) {
      for (String w : where) {
        String[] f = w.split(" ", 3);
        String key = f[1] + " " + (f.length < 3 || f[2].isEmpty() ? "." : f[2])
            .replaceAll("[0-9a-f]{64}", "<hex>").replaceAll("tuf/[0-9a-f]{16}", "tuf/<repo>");
        byOp.merge(key, 1, Integer::sum);
      }
    }
    return byOp.toString();
  }

  /** No llama.cpp worker whose command line names {@code marker} outlives its killed parent by 5 s. */
  public static void assertNoOrphanWorkers(Path marker) throws InterruptedException {
    String m = marker.toString();
    for (int i = 0; i < 50; i++) {
      boolean any;
      try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
        any = all.anyMatch(h -> h.isAlive() && h.info().commandLine()
            .map(c -> c.contains("LlamaWorkerMain") && c.contains(m)).orElse(false));
      }
      if (!any) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("llama.cpp workers outlived their killed parent");
  }

  /**
   * The entries of the test classpath that {@code include} accepts, with class directories packed into
   * one jar in {@code dir}: the JVM's class-data archive, which halves a child's start-up, only covers
   * classes loaded from jars, and a short classpath is searched faster.
   */
  public static String packClasspath(Path dir, Predicate<String> include) throws IOException {
    Path jar = dir.resolve("classes.jar");
    List<String> out = new ArrayList<>();
    out.add(jar.toString());
    try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
      Set<String> seen = new HashSet<>();
      for (String entry : TestDevices.classpath().split(File.pathSeparator)) {
        Path p = Paths.get(entry);
        if (!include.test(entry.replace(File.separatorChar, '/'))) {
          continue;
        }
        if (!Files.isDirectory(p)) {
          out.add(entry);
          continue;
        }
        try (Stream<Path> files = Files.walk(p)) {
          for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
            String name = p.relativize(f).toString().replace(File.separatorChar, '/');
            if (seen.add(name)) {
              j.putNextEntry(new JarEntry(name));
              Files.copy(f, (OutputStream) j);
              j.closeEntry();
            }
          }
        }
      }
    }
    return String.join(File.pathSeparator, out);
  }

  /** A copy of a state directory without its lock file, to start several runs from one state. */
  public static Path copyState(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else if (!p.getFileName().toString().equals("lock")) {
          Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return to;
  }
}
