package dev.modelport.gguf.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.gguf.TestVectors;
import dev.modelport.gguf.format.GgmlType;
import dev.modelport.gguf.format.GgufFormatException;
import dev.modelport.gguf.format.GgufHeader;
import dev.modelport.gguf.format.GgufReader;
import dev.modelport.gguf.format.GgufTensorInfo;
import dev.modelport.gguf.format.GgufWriter;
import dev.modelport.gguf.format.TensorShape;
import dev.modelport.gguf.format.TensorSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class QuantizerInputTypesTest {
    private static final Path TINY = TestVectors.file("tiny-f32.gguf");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = QuantType.class, names = {"F16", "BF16"})
    void halfPrecisionInputQuantizesExactlyLikeItsF32Widening(QuantType half) throws Exception {
        Path halfModel = tmp.resolve("half.gguf");
        Path widened = tmp.resolve("widened.gguf");
        Quantizer.quantize(TINY, halfModel, half, ProgressListener.NONE);
        Quantizer.quantize(halfModel, widened, QuantType.F32, ProgressListener.NONE);

        for (QuantType q : new QuantType[] {QuantType.Q8_0, QuantType.Q4_0}) {
            QuantizeResult fromHalf = Quantizer.quantize(halfModel, tmp.resolve("a.gguf"), q, ProgressListener.NONE);
            QuantizeResult fromF32 = Quantizer.quantize(widened, tmp.resolve("b.gguf"), q, ProgressListener.NONE);
            assertThat(fromHalf.tensorSha256()).isEqualTo(fromF32.tensorSha256());
        }
        GgufHeader h = GgufReader.readHeader(halfModel);
        assertThat(h.tensor("blk.0.attn_q.weight").orElseThrow().type()).isEqualTo(half.tensorType());
        assertThat(h.tensor("blk.0.attn_norm.weight").orElseThrow().type()).isEqualTo(GgmlType.F32);
        assertThat(h.metadata().findLong("general.file_type")).hasValue(half.fileType());
    }

    @Test
    void dequantizingQ8_0ToF32StaysCloseToTheOriginal() throws Exception {
        Path out = tmp.resolve("deq.gguf");
        Quantizer.quantize(TestVectors.file("tiny-q8_0-ref.gguf"), out, QuantType.F32, ProgressListener.NONE);

        try (GgufReader original = GgufReader.open(TINY); GgufReader deq = GgufReader.open(out)) {
            assertThat(deq.header().metadata().findLong("general.file_type")).hasValue(0);
            GgufTensorInfo a = original.header().tensor("blk.1.ffn_up.weight").orElseThrow();
            GgufTensorInfo b = deq.header().tensor("blk.1.ffn_up.weight").orElseThrow();
            assertThat(b.type()).isEqualTo(GgmlType.F32);
            float[] x = floats(original, a);
            float[] y = floats(deq, b);
            for (int i = 0; i < x.length; i += 32) {
                float amax = 0;
                for (int j = 0; j < 32; j++) {
                    amax = Math.max(amax, Math.abs(x[i + j]));
                }
                // Half a step, plus what rounding the scale to fp16 (2^-11 relative) costs at |q| <= 127.
                for (int j = 0; j < 32; j++) {
                    assertThat(Math.abs(x[i + j] - y[i + j])).isLessThanOrEqualTo(amax / 127 * 0.6f);
                }
            }
        }
    }

    @Test
    void reportsProgressUpToTheTotalInputBytes() throws Exception {
        AtomicLong last = new AtomicLong(-1);
        AtomicLong total = new AtomicLong();
        Quantizer.builder().chunkElements(1024).build().run(TINY, tmp.resolve("p.gguf"), QuantType.Q4_0, (done, all) -> {
            assertThat(done).isGreaterThanOrEqualTo(last.get());
            last.set(done);
            total.set(all);
        });
        assertThat(last.get()).isEqualTo(total.get()).isEqualTo(GgufReader.readHeader(TINY).tensorBytes());
    }

    @Test
    void refusesToRequantizeATypeItCannotDecodeAndLeavesNoOutput() throws Exception {
        Path q6 = tmp.resolve("q6k.gguf");
        GgufWriter.builder()
                .addTensor("w.weight", GgmlType.Q6_K, TensorShape.of(256, 2), TensorSource.ofBytes(new byte[420]))
                .build().writeTo(q6);

        assertThatThrownBy(() -> Quantizer.quantize(q6, tmp.resolve("out.gguf"), QuantType.Q8_0, ProgressListener.NONE))
                .isInstanceOf(GgufFormatException.class).hasMessageContaining("Q6_K");
        assertThat(tmp.resolve("out.gguf")).doesNotExist();
    }

    @Test
    void keepsTensorsWhoseRowsAreNotWholeBlocks() throws Exception {
        Path odd = tmp.resolve("odd.gguf");
        GgufWriter.builder()
                .addTensor("w.weight", GgmlType.F32, TensorShape.of(48, 2), TensorSource.ofBytes(new byte[48 * 2 * 4]))
                .build().writeTo(odd);

        QuantizeResult r = Quantizer.quantize(odd, tmp.resolve("o.gguf"), QuantType.Q8_0, ProgressListener.NONE);
        assertThat(r.header().tensor("w.weight").orElseThrow().type()).isEqualTo(GgmlType.F32);
    }

    private static float[] floats(GgufReader r, GgufTensorInfo t) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate((int) t.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        r.read(t, 0, buf);
        buf.flip();
        float[] out = new float[(int) t.elementCount()];
        buf.asFloatBuffer().get(out);
        return out;
    }
}
