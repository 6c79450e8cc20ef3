package dev.modelport.ota.runtime.llama;

import dev.modelport.gguf.format.GgufHeader;
import dev.modelport.gguf.format.GgufReader;
import dev.modelport.ota.LoadedModel;
import dev.modelport.ota.ModelRuntime;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * {@link ModelRuntime} on llama.cpp (de.kherud:llama 4.1.0), one worker JVM per loaded model
 * ({@link LlamaWorkerMain}), started with {@link ProcessBuilder} on this JVM's classpath. Each
 * worker gets its own native-library directory ({@code -Dde.kherud.llama.tmpdir}), because
 * concurrent JVMs extracting to the shared default path overwrite each other's
 * {@code libjllama.so} and crash with SIGBUS. A model is unloaded by killing its worker.
 *
 * <p>Immutable; {@link #newBuilder()} for variants.
 */
public final class LlamaRuntime implements ModelRuntime {
  private final String javaCommand;
  private final String classpath;
  private final Path workDir;
  private final int contextLength;
  private final int threads;
  private final String maxHeap;
  private final Duration startTimeout;
  private final Duration requestTimeout;
  private final long overheadBytes;
  private final List<String> extraJvmArgs;

  private LlamaRuntime(Builder b) {
    this.javaCommand = b.javaCommand;
    this.classpath = b.classpath;
    this.workDir = Objects.requireNonNull(b.workDir, "workDir");
    this.contextLength = b.contextLength;
    this.threads = b.threads;
    this.maxHeap = b.maxHeap;
    this.startTimeout = b.startTimeout;
    this.requestTimeout = b.requestTimeout;
    this.overheadBytes = b.overheadBytes;
    this.extraJvmArgs = List.copyOf(b.extraJvmArgs);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    Builder b = new Builder();
    b.javaCommand = javaCommand;
    b.classpath = classpath;
    b.workDir = workDir;
    b.contextLength = contextLength;
    b.threads = threads;
    b.maxHeap = maxHeap;
    b.startTimeout = startTimeout;
    b.requestTimeout = requestTimeout;
    b.overheadBytes = overheadBytes;
    b.extraJvmArgs.addAll(extraJvmArgs);
    return b;
  }

  @Override
  public int contextLength() {
    return contextLength;
  }

  @Override
  public long overheadBytes() {
    return overheadBytes;
  }

  @Override
  public LoadedModel load(Path gguf, String buildDigest) throws ModelLoadException {
    int ctx = contextLength;
    try {
      GgufHeader h = GgufReader.readHeader(gguf);
      String arch = h.metadata().findString("general.architecture").orElse("llama");
      OptionalLong trained = h.metadata().findLong(arch + ".context_length");
      if (trained.isPresent() && trained.getAsLong() > 0) {
        ctx = (int) Math.min(ctx, trained.getAsLong());
      }
    } catch (IOException e) {
      throw new ModelLoadException("not a loadable GGUF file: " + e.getMessage(), e);
    }
    Path dir = workDir.resolve("worker-" + UUID.randomUUID());
    Path nativeDir = dir.resolve("native");
    try {
      Files.createDirectories(nativeDir);
    } catch (IOException e) {
      throw new ModelLoadException("cannot create worker directory " + dir, e);
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(javaCommand);
    cmd.add("-Xmx" + maxHeap);
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Dde.kherud.llama.tmpdir=" + nativeDir);
    cmd.addAll(extraJvmArgs);
    cmd.add("-cp");
    cmd.add(absolute(classpath)); // workers run in their own directory
    cmd.add(LlamaWorkerMain.class.getName());
    cmd.add("--model");
    cmd.add(gguf.toAbsolutePath().toString());
    cmd.add("--ctx");
    cmd.add(Integer.toString(ctx));
    cmd.add("--threads");
    cmd.add(Integer.toString(threads));
    return LlamaWorker.start(cmd, dir, buildDigest, startTimeout, requestTimeout);
  }

  /** The classpath with every entry made absolute ({@code dir/*} wildcards kept). */
  static String absolute(String classpath) {
    List<String> out = new ArrayList<>();
    for (String e : classpath.split(File.pathSeparator)) {
      if (e.isEmpty()) {
        continue;
      }
      if (e.endsWith("*")) {
        String dir = e.substring(0, e.length() - 1);
        out.add(Paths.get(dir.isEmpty() ? "." : dir).toAbsolutePath().normalize() + File.separator + "*");
      } else {
        out.add(Paths.get(e).toAbsolutePath().normalize().toString());
      }
    }
    return String.join(File.pathSeparator, out);
  }

  public static final class Builder {
    private String javaCommand = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    private String classpath = System.getProperty("java.class.path");
    private Path workDir;
    private int contextLength = 2048;
    private int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private String maxHeap = "64m";
    private Duration startTimeout = Duration.ofSeconds(120);
    private Duration requestTimeout = Duration.ofMinutes(5);
    private long overheadBytes = 96L << 20;
    private final List<String> extraJvmArgs = new ArrayList<>();

    private Builder() {}

    /** Where workers keep their native library copy and log; one subdirectory per worker. */
    public Builder workDir(Path v) {
      workDir = v;
      return this;
    }

    /** The classpath for workers; it must hold ota-client, jackson and de.kherud:llama. */
    public Builder classpath(String v) {
      classpath = v;
      return this;
    }

    public Builder classpath(List<Path> entries) {
      classpath = String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
      return this;
    }

    public Builder javaCommand(String v) {
      javaCommand = v;
      return this;
    }

    /** Context length to load models with, capped at each model's trained context. */
    public Builder contextLength(int v) {
      contextLength = v;
      return this;
    }

    public Builder threads(int v) {
      threads = v;
      return this;
    }

    /** Java heap of a worker, e.g. {@code 64m}; the model itself lives outside the heap. */
    public Builder maxHeap(String v) {
      maxHeap = v;
      return this;
    }

    public Builder startTimeout(Duration v) {
      startTimeout = v;
      return this;
    }

    public Builder requestTimeout(Duration v) {
      requestTimeout = v;
      return this;
    }

    /** RAM a worker costs besides the model (JVM, native library), for the swap memory decision. */
    public Builder overheadBytes(long v) {
      overheadBytes = v;
      return this;
    }

    public Builder addJvmArg(String v) {
      extraJvmArgs.add(v);
      return this;
    }

    public LlamaRuntime build() {
      return new LlamaRuntime(this);
    }
  }
}
