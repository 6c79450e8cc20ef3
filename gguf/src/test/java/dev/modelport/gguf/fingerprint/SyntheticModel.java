package dev.modelport.gguf.fingerprint;

import dev.modelport.gguf.format.GgmlType;
import dev.modelport.gguf.format.GgufScalar;
import dev.modelport.gguf.format.GgufString;
import dev.modelport.gguf.format.GgufWriter;
import dev.modelport.gguf.format.TensorShape;
import dev.modelport.gguf.format.TensorSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * A small llama-shaped model held in memory, for fingerprint tests. Each layer matrix is drawn
 * with its own standard deviation, as training leaves real models with a distinct per-layer
 * profile; an independent model draws its own profile.
 */
final class SyntheticModel {
    static final int LAYERS = 12;
    static final int EMBD = 64;
    static final int FF = 128;
    static final int HEADS = 4;
    static final String[] KINDS = {"attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down"};

    /** name -> (shape, values); values are row-major in ggml order, dim 0 fastest. */
    private final Map<String, Tensor> tensors;

    record Tensor(long[] shape, float[] values) {
    }

    private SyntheticModel(Map<String, Tensor> tensors) {
        this.tensors = tensors;
    }

    static SyntheticModel random(long seed) {
        Random r = new Random(seed);
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("token_embd.weight", gaussian(r, 0.02, EMBD, 256));
        for (int l = 0; l < LAYERS; l++) {
            t.put("blk." + l + ".attn_norm.weight", ones(EMBD));
            for (String kind : KINDS) {
                double std = 0.02 * Math.exp(0.35 * r.nextGaussian());
                t.put("blk." + l + "." + kind + ".weight", gaussian(r, std, shapeOf(kind)));
            }
            t.put("blk." + l + ".ffn_norm.weight", ones(EMBD));
        }
        t.put("output_norm.weight", ones(EMBD));
        t.put("output.weight", gaussian(r, 0.02, EMBD, 256));
        return new SyntheticModel(t);
    }

    private static long[] shapeOf(String kind) {
        switch (kind) {
            case "ffn_gate":
            case "ffn_up":
                return new long[] {EMBD, FF};
            case "ffn_down":
                return new long[] {FF, EMBD};
            default:
                return new long[] {EMBD, EMBD};
        }
    }

    /** A derivative: every 2-D tensor's values replaced by {@code f(name, values)}. */
    SyntheticModel map(BiFunction<String, float[], float[]> f) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> t.put(name, tensor.shape().length < 2 ? tensor
                : new Tensor(tensor.shape(), f.apply(name, tensor.values().clone()))));
        return new SyntheticModel(t);
    }

    /** Adds Gaussian noise of {@code relative} times each matrix's own std. */
    SyntheticModel withRelativeNoise(double relative, long seed) {
        Random r = new Random(seed);
        return map((name, v) -> {
            double s = std(v);
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) (relative * s * r.nextGaussian());
            }
            return v;
        });
    }

    /**
     * Reorders attention heads in every layer: head blocks of rows in Q, K and V, and the
     * matching column blocks of the output projection, as a disguise that keeps the function.
     */
    SyntheticModel withPermutedHeads(int[] order) {
        int headDim = EMBD / HEADS;
        return map((name, v) -> {
            if (name.endsWith("attn_q.weight") || name.endsWith("attn_k.weight") || name.endsWith("attn_v.weight")) {
                float[] out = new float[v.length];
                for (int h = 0; h < HEADS; h++) {
                    System.arraycopy(v, order[h] * headDim * EMBD, out, h * headDim * EMBD, headDim * EMBD);
                }
                return out;
            }
            if (name.endsWith("attn_output.weight")) {
                float[] out = new float[v.length];
                for (int row = 0; row < EMBD; row++) {
                    for (int h = 0; h < HEADS; h++) {
                        System.arraycopy(v, row * EMBD + order[h] * headDim, out, row * EMBD + h * headDim, headDim);
                    }
                }
                return out;
            }
            return v;
        });
    }

    void writeTo(Path file) throws Exception {
        GgufWriter.Builder b = GgufWriter.builder()
                .put("general.architecture", GgufString.of("llama"))
                .put("llama.block_count", GgufScalar.uint32(LAYERS));
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            float[] v = e.getValue().values();
            ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(v);
            b.addTensor(e.getKey(), GgmlType.F32, TensorShape.of(e.getValue().shape()), TensorSource.ofBytes(buf.array()));
        }
        b.build().writeTo(file);
    }

    static double std(float[] v) {
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

    private static Tensor gaussian(Random r, double std, long... shape) {
        int n = (int) (shape[0] * (shape.length > 1 ? shape[1] : 1));
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (std * r.nextGaussian());
        }
        return new Tensor(shape, v);
    }

    private static Tensor ones(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return new Tensor(new long[] {n}, v);
    }
}
