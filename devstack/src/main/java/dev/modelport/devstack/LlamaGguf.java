package dev.modelport.devstack;

import dev.modelport.gguf.format.GgmlType;
import dev.modelport.gguf.format.GgufFormatException;
import dev.modelport.gguf.format.GgufScalar;
import dev.modelport.gguf.format.GgufString;
import dev.modelport.gguf.format.GgufWriter;
import dev.modelport.gguf.format.TensorShape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A llama-shaped F32 GGUF with random weights (seeded) and the metadata the platform's memory estimate reads: what
 * the platform can really quantize. Tensors are generated while they are written, so a model of gigabytes never sits
 * in memory. The demo's model is tiny; the multi-instance tests make one large enough to keep a build busy.
 */
public record LlamaGguf(int layers, int embedding, int feedForward, int vocabulary) {

    /** 4 layers of width 64: quantized in well under a second. */
    public static final LlamaGguf TINY = new LlamaGguf(4, 64, 128, 64);

    /** F32 bytes of all tensors. */
    public long weightBytes() {
        long perLayer = 2L * embedding + 4L * embedding * embedding + 3L * embedding * feedForward;
        return 4 * (layers * perLayer + 2L * embedding * vocabulary + embedding);
    }

    /** Writes the model named {@code name}, its weights seeded from {@code seed}, to {@code file}. */
    public void write(Path file, String name, long seed) throws IOException {
        Random random = new Random(seed);
        GgufWriter.Builder b = GgufWriter.builder()
                .put("general.architecture", GgufString.of("llama"))
                .put("general.name", GgufString.of(name))
                .put("llama.block_count", GgufScalar.uint32(layers))
                .put("llama.context_length", GgufScalar.uint32(4096))
                .put("llama.embedding_length", GgufScalar.uint32(embedding))
                .put("llama.feed_forward_length", GgufScalar.uint32(feedForward))
                .put("llama.attention.head_count", GgufScalar.uint32(4));
        try {
            tensor(b, random.nextLong(), "token_embd.weight", embedding, vocabulary);
            for (int l = 0; l < layers; l++) {
                String p = "blk." + l + ".";
                tensor(b, random.nextLong(), p + "attn_norm.weight", embedding);
                for (String kind : List.of("attn_q", "attn_k", "attn_v", "attn_output")) {
                    tensor(b, random.nextLong(), p + kind + ".weight", embedding, embedding);
                }
                tensor(b, random.nextLong(), p + "ffn_gate.weight", embedding, feedForward);
                tensor(b, random.nextLong(), p + "ffn_up.weight", embedding, feedForward);
                tensor(b, random.nextLong(), p + "ffn_down.weight", feedForward, embedding);
                tensor(b, random.nextLong(), p + "ffn_norm.weight", embedding);
            }
            tensor(b, random.nextLong(), "output_norm.weight", embedding);
            tensor(b, random.nextLong(), "output.weight", embedding, vocabulary);
            b.build().writeTo(file);
        } catch (GgufFormatException e) {
            throw new IOException("could not write a llama-shaped model: " + e.getMessage(), e);
        }
    }

    /** Norms are ones; matrices small Gaussian noise, generated chunk by chunk as the writer asks for them. */
    private static void tensor(GgufWriter.Builder b, long seed, String name, long... shape)
            throws GgufFormatException {
        long n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        boolean norm = shape.length == 1;
        b.addTensor(name, GgmlType.F32, TensorShape.of(shape), out -> {
            Random random = new Random(seed);
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (long i = 0; i < n; i++) {
                buf.putFloat(norm ? 1f : (float) (0.02 * random.nextGaussian()));
                if (!buf.hasRemaining() || i == n - 1) {
                    buf.flip();
                    while (buf.hasRemaining()) {
                        out.write(buf);
                    }
                    buf.clear();
                }
            }
        });
    }
}
