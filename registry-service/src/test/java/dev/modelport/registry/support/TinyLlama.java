package dev.modelport.registry.support;

import dev.modelport.gguf.format.GgmlType;
import dev.modelport.gguf.format.GgufScalar;
import dev.modelport.gguf.format.GgufString;
import dev.modelport.gguf.format.GgufWriter;
import dev.modelport.gguf.format.TensorShape;
import dev.modelport.gguf.format.TensorSource;
import dev.modelport.gguf.quant.QuantType;
import dev.modelport.gguf.quant.Quantizer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Small llama-shaped GGUF models made in memory for build and fingerprint tests: 8 layers, width 64, with the
 * metadata the memory estimate reads. As in gguf's own fingerprint tests, each layer matrix is drawn with its own
 * standard deviation (real training leaves a distinct per-layer profile); an independent model draws its own
 * profile, a derivative perturbs the weights of another.
 */
public final class TinyLlama {

    public static final int LAYERS = 8;
    public static final int EMBD = 64;
    public static final int FF = 128;
    public static final int HEADS = 4;
    public static final int VOCAB = 64;
    private static final String[] KINDS = {"attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up",
        "ffn_down"};

    private final Map<String, long[]> shapes;
    private final Map<String, float[]> values;

    private TinyLlama(Map<String, long[]> shapes, Map<String, float[]> values) {
        this.shapes = shapes;
        this.values = values;
    }

    /** An independently initialised model; every seed gives its own per-layer profile. */
    public static TinyLlama random(long seed) {
        Random r = new Random(seed);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        Map<String, float[]> values = new LinkedHashMap<>();
        put(shapes, values, "token_embd.weight", gaussian(r, 0.02, EMBD * VOCAB), EMBD, VOCAB);
        for (int l = 0; l < LAYERS; l++) {
            put(shapes, values, "blk." + l + ".attn_norm.weight", ones(EMBD), EMBD);
            for (String kind : KINDS) {
                double std = 0.02 * Math.exp(0.35 * r.nextGaussian());
                long[] shape = kind.equals("ffn_gate") || kind.equals("ffn_up") ? new long[] {EMBD, FF}
                        : kind.equals("ffn_down") ? new long[] {FF, EMBD} : new long[] {EMBD, EMBD};
                put(shapes, values, "blk." + l + "." + kind + ".weight", gaussian(r, std,
                        (int) (shape[0] * shape[1])), shape);
            }
            put(shapes, values, "blk." + l + ".ffn_norm.weight", ones(EMBD), EMBD);
        }
        put(shapes, values, "output_norm.weight", ones(EMBD), EMBD);
        put(shapes, values, "output.weight", gaussian(r, 0.02, EMBD * VOCAB), EMBD, VOCAB);
        return new TinyLlama(shapes, values);
    }

    /** A derivative: Gaussian noise of {@code relative} times each matrix's own std (a small fine-tune, a disguise). */
    public TinyLlama withNoise(double relative, long seed) {
        Random r = new Random(seed);
        Map<String, float[]> out = new LinkedHashMap<>();
        values.forEach((name, v) -> {
            float[] copy = v.clone();
            if (shapes.get(name).length > 1) {
                double s = std(v);
                for (int i = 0; i < copy.length; i++) {
                    copy[i] += (float) (relative * s * r.nextGaussian());
                }
            }
            out.put(name, copy);
        });
        return new TinyLlama(shapes, out);
    }

    /** The model as an F32 GGUF file. */
    public byte[] gguf() {
        try {
            Path file = Files.createTempFile("tiny-llama", ".gguf");
            try {
                write(file);
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The model quantized by the platform's own quantizer, as a build made elsewhere with the same tool would be. */
    public byte[] quantized(QuantType type) {
        return quantize(gguf(), type);
    }

    public static byte[] quantize(byte[] gguf, QuantType type) {
        try {
            Path in = Files.createTempFile("tiny-in", ".gguf");
            Path out = in.resolveSibling(in.getFileName() + "." + type + ".gguf");
            try {
                Files.write(in, gguf);
                Quantizer.quantize(in, out, type, (done, total) -> { });
                return Files.readAllBytes(out);
            } finally {
                Files.deleteIfExists(in);
                Files.deleteIfExists(out);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void write(Path file) throws Exception {
        GgufWriter.Builder b = GgufWriter.builder()
                .put("general.architecture", GgufString.of("llama"))
                .put("general.name", GgufString.of("tiny-llama"))
                .put("llama.block_count", GgufScalar.uint32(LAYERS))
                .put("llama.context_length", GgufScalar.uint32(4096))
                .put("llama.embedding_length", GgufScalar.uint32(EMBD))
                .put("llama.feed_forward_length", GgufScalar.uint32(FF))
                .put("llama.attention.head_count", GgufScalar.uint32(HEADS));
        for (Map.Entry<String, float[]> e : values.entrySet()) {
            float[] v = e.getValue();
            ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(v);
            b.addTensor(e.getKey(), GgmlType.F32, TensorShape.of(shapes.get(e.getKey())),
                    TensorSource.ofBytes(buf.array()));
        }
        b.build().writeTo(file);
    }

    private static void put(Map<String, long[]> shapes, Map<String, float[]> values, String name, float[] v,
                            long... shape) {
        shapes.put(name, shape);
        values.put(name, v);
    }

    private static float[] gaussian(Random r, double std, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (std * r.nextGaussian());
        }
        return v;
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return v;
    }

    private static double std(float[] v) {
        double mean = 0;
        for (float x : v) {
            mean += x / (double) v.length;
        }
        double ss = 0;
        for (float x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / v.length);
    }
}
