package dev.modelport.ota.testing;

import dev.modelport.gguf.format.GgmlType;
import dev.modelport.gguf.format.GgufHeader;
import dev.modelport.gguf.format.GgufReader;
import dev.modelport.gguf.format.GgufScalar;
import dev.modelport.gguf.format.GgufTensorInfo;
import dev.modelport.gguf.format.GgufWriter;
import dev.modelport.gguf.format.TensorSource;
import dev.modelport.gguf.quant.ProgressListener;
import dev.modelport.gguf.quant.QuantType;
import dev.modelport.gguf.quant.Quantizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The GGUF builds the tests install, made once per JVM from the shared reference vectors
 * ({@code shared/vectors/gguf}, found like gguf's {@code TestVectors}: walking up from the working
 * directory, or {@code -Dmodelport.vectors.dir}).
 *
 * <ul>
 *   <li>{@link #buildA()}: tiny-f32 quantized to Q8_0 by our quantizer (bit-identical to llama.cpp's)
 *   <li>{@link #buildB()}: the same model with {@link #CHANGED_IN_B} perturbed, then Q8_0: shares
 *       every other tensor with A byte for byte
 *   <li>{@link #emptyOutputBuild()}: edge-f32 in Q8_0; llama.cpp loads it, but greedy generation
 *       yields only tokens with no text, so it fails the health rule
 *   <li>{@link #unloadableBuild()}: A with {@code llama.block_count = 3} but tensors for 2 blocks;
 *       a valid GGUF that llama.cpp refuses to load
 * </ul>
 */
public final class TestModels {
  /** Tensors B changes relative to A (k = 3 of n = 21). */
  public static final List<String> CHANGED_IN_B = List.of("blk.1.ffn_down.weight", "blk.0.attn_q.weight",
      "output_norm.weight");

  private static final Path VECTORS = locate();
  private static final Map<String, Path> CACHE = new HashMap<>();
  private static Path dir;

  private TestModels() {}

  public static Path vectors() {
    return VECTORS;
  }

  public static synchronized Path buildA() {
    return cached("a-tiny-q8_0.gguf", out -> Quantizer.quantize(VECTORS.resolve("tiny-f32.gguf"), out, QuantType.Q8_0,
        ProgressListener.NONE));
  }

  public static synchronized Path buildB() {
    Path f32 = changedF32(); // made first: the cache cannot be filled while it computes another entry
    return cached("b-tiny-changed-q8_0.gguf", out -> Quantizer.quantize(f32, out, QuantType.Q8_0,
        ProgressListener.NONE));
  }

  /** B's F32 source: tiny-f32 with {@link #CHANGED_IN_B} perturbed (the registry's platform builds start here). */
  public static synchronized Path changedF32() {
    return cached("b-tiny-changed-f32.gguf",
        out -> perturb(VECTORS.resolve("tiny-f32.gguf"), out, Set.copyOf(CHANGED_IN_B), 1.5f));
  }

  /** A third healthy build (different from A and B), e.g. for a second update. */
  public static synchronized Path buildC() {
    return cached("c-tiny-changed-q8_0.gguf", out -> {
      Path f32 = work().resolve("c-tiny-changed-f32.gguf");
      perturb(VECTORS.resolve("tiny-f32.gguf"), f32, Set.of("blk.0.ffn_up.weight"), 0.5f);
      Quantizer.quantize(f32, out, QuantType.Q8_0, ProgressListener.NONE);
    });
  }

  /** tiny-f32 with the {@code changed} tensors perturbed (the F32 ones only), quantized to Q8_0. */
  public static synchronized Path variant(String name, Set<String> changed) {
    return cached("variant-" + name + "-q8_0.gguf", out -> {
      Path f32 = work().resolve("variant-" + name + "-f32.gguf");
      perturb(VECTORS.resolve("tiny-f32.gguf"), f32, changed, 1.25f);
      Quantizer.quantize(f32, out, QuantType.Q8_0, ProgressListener.NONE);
    });
  }

  /**
   * tiny-f32 with the {@code changed} tensors perturbed, left F32: a source of its own for a registry platform build,
   * so that tests running in one registry get builds with distinct digests.
   */
  public static synchronized Path variantF32(String name, Set<String> changed) {
    return cached("variant-" + name + "-f32-source.gguf",
        out -> perturb(VECTORS.resolve("tiny-f32.gguf"), out, changed, 1.25f));
  }

  public static synchronized Path emptyOutputBuild() {
    return cached("edge-q8_0.gguf", out -> Quantizer.quantize(VECTORS.resolve("edge-f32.gguf"), out, QuantType.Q8_0,
        ProgressListener.NONE));
  }

  public static synchronized Path unloadableBuild() {
    return cached("unloadable-3-blocks.gguf", out -> {
      try (GgufReader r = GgufReader.open(buildA())) {
        GgufHeader h = r.header();
        GgufWriter.Builder w = GgufWriter.builder()
            .metadata(h.metadata().toBuilder().put("llama.block_count", GgufScalar.uint32(3)).build());
        for (GgufTensorInfo t : h.tensors()) {
          w.addTensor(t.name(), t.type(), t.shape(), TensorSource.copyOf(r, t));
        }
        w.build().writeTo(out);
      }
    });
  }

  /** Writes {@code in} with the F32 tensors in {@code names} multiplied by {@code factor}. */
  static void perturb(Path in, Path out, Set<String> names, float factor) throws IOException {
    try (GgufReader r = GgufReader.open(in)) {
      GgufHeader h = r.header();
      GgufWriter.Builder w = GgufWriter.builder().metadata(h.metadata());
      for (GgufTensorInfo t : h.tensors()) {
        if (names.contains(t.name())) {
          if (t.type() != GgmlType.F32) {
            throw new IllegalArgumentException(t.name() + " is not F32");
          }
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          r.copyTensor(t, Channels.newChannel(bytes));
          ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
          for (int i = 0; i + 4 <= b.limit(); i += 4) {
            b.putFloat(i, b.getFloat(i) * factor + 0.01f);
          }
          w.addTensor(t.name(), t.type(), t.shape(), TensorSource.ofBytes(b.array()));
        } else {
          w.addTensor(t.name(), t.type(), t.shape(), TensorSource.copyOf(r, t));
        }
      }
      w.build().writeTo(out);
    }
  }

  public static String digest(Path file) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (var in = Files.newInputStream(file)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
          md.update(buf, 0, n);
        }
      }
      return "sha256:" + HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Maker {
    void make(Path out) throws IOException;
  }

  /** Not computeIfAbsent: a maker may itself need another cached build (unloadable is made from A). */
  private static Path cached(String name, Maker maker) {
    Path known = CACHE.get(name);
    if (known != null) {
      return known;
    }
    Path out = work().resolve(name);
    try {
      maker.make(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CACHE.put(name, out);
    return out;
  }

  private static Path work() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("ota-test-models");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  private static Path locate() {
    String prop = System.getProperty("modelport.vectors.dir");
    if (prop != null && !prop.isBlank()) {
      return Paths.get(prop).toAbsolutePath();
    }
    for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared").resolve("vectors").resolve("gguf");
      if (Files.isRegularFile(candidate.resolve("tiny-f32.gguf"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("reference vectors not found: set -Dmodelport.vectors.dir or put shared/vectors/gguf "
        + "beside the repository (searched up from " + Paths.get("").toAbsolutePath() + ")");
  }
}
