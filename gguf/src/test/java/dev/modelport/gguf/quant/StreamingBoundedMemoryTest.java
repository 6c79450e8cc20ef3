package dev.modelport.gguf.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelport.gguf.digest.GgufManifest;
import dev.modelport.gguf.fingerprint.Fingerprinter;
import dev.modelport.gguf.fingerprint.WeightFingerprint;
import dev.modelport.gguf.format.GgmlType;
import dev.modelport.gguf.format.GgufWriter;
import dev.modelport.gguf.format.TensorShape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in the surefire fork limited to a 128 MiB heap (see pom.xml), on a model larger than that
 * heap: writing, quantizing, digesting and fingerprinting must all stream.
 */
class StreamingBoundedMemoryTest {
    private static final int LAYERS = 12;
    private static final int DIM = 2048; // 16 MiB per F32 matrix, 192 MiB for twelve

    @TempDir
    static Path tmp;

    private static Path model;

    @BeforeAll
    static void writeAModelLargerThanTheHeap() throws Exception {
        // Meaningful only under the small heap; -Dtest=... also runs it in the default fork.
        assumeTrue(Runtime.getRuntime().maxMemory() < 160L << 20, "needs the small-heap surefire fork");
        model = tmp.resolve("big-f32.gguf");
        GgufWriter.Builder b = GgufWriter.builder();
        for (int l = 0; l < LAYERS; l++) {
            final int layer = l;
            b.addTensor("blk." + l + ".ffn_up.weight", GgmlType.F32, TensorShape.of(DIM, DIM), out -> {
                ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
                for (int written = 0; written < 4 * DIM * DIM; written += chunk.capacity()) {
                    chunk.clear();
                    for (int i = 0; chunk.hasRemaining(); i++) {
                        chunk.putFloat((float) Math.sin(written + i * 0.37 + layer) * 0.01f * (layer + 1));
                    }
                    chunk.flip();
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                }
            });
        }
        b.build().writeTo(model);
        assertThat(Files.size(model)).isGreaterThan(Runtime.getRuntime().maxMemory());
    }

    @Test
    void quantizesAModelLargerThanTheHeap() throws Exception {
        QuantizeResult r = Quantizer.quantize(model, tmp.resolve("big-q4_0.gguf"), QuantType.Q4_0, ProgressListener.NONE);

        assertThat(r.header().tensors()).allSatisfy(t -> assertThat(t.type()).isEqualTo(GgmlType.Q4_0));
        assertThat(r.size()).isLessThan(Files.size(model) / 6);
    }

    @Test
    void digestsAndFingerprintsAModelLargerThanTheHeap() throws Exception {
        GgufManifest m = GgufManifest.of(model);
        WeightFingerprint f = Fingerprinter.of(model);

        assertThat(m.tensors()).hasSize(LAYERS);
        assertThat(f.layers()).isEqualTo(LAYERS);
        assertThat(f.std("ffn_up", LAYERS - 1)).isGreaterThan(f.std("ffn_up", 0));
    }
}
