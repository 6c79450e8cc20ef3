package dev.modelport.gguf.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.gguf.TestVectors;
import dev.modelport.gguf.format.GgmlType;
import dev.modelport.gguf.format.GgufFormatException;
import dev.modelport.gguf.format.GgufHeader;
import dev.modelport.gguf.format.GgufReader;
import dev.modelport.gguf.format.GgufScalar;
import dev.modelport.gguf.format.GgufWriter;
import dev.modelport.gguf.format.TensorShape;
import dev.modelport.gguf.format.TensorSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryEstimatorTest {
    @TempDir
    Path tmp;

    @Test
    void addsAnF16KvCacheAtTheTrainedContextLengthToTheWeights() throws Exception {
        GgufHeader h = GgufReader.readHeader(TestVectors.file("tiny-f32.gguf"));

        MemoryEstimate e = MemoryEstimator.estimate(h);

        // 2 (K,V) * 2 layers * 256 ctx * (64/4 head dim * 4 kv heads) * 2 bytes
        assertThat(e.kvCacheBytes()).isEqualTo(2L * 2 * 256 * 64 * 2);
        assertThat(e.weightBytes()).isEqualTo(h.tensorBytes());
        assertThat(e.totalBytes()).isEqualTo(h.tensorBytes() + 131_072);
        assertThat(e.contextLength()).isEqualTo(256);
    }

    @Test
    void scalesWithTheRequestedContextAndShrinksWithGroupedQueryAttention() throws Exception {
        GgufHeader gqa = header(8, 4096, 32, 8);

        assertThat(MemoryEstimator.estimate(gqa, 8192).kvCacheBytes()).isEqualTo(2L * 8 * 8192 * (4096 / 32 * 8) * 2);
        assertThat(MemoryEstimator.estimate(gqa, 4096).kvCacheBytes()).isEqualTo(2L * 8 * 4096 * 1024 * 2);
    }

    @Test
    void namesTheMissingKey() throws Exception {
        Path p = tmp.resolve("bare.gguf");
        GgufWriter.builder().put("general.architecture", dev.modelport.gguf.format.GgufString.of("qwen2"))
                .addTensor("x", GgmlType.F32, TensorShape.of(8), TensorSource.ofBytes(new byte[32])).build().writeTo(p);

        assertThatThrownBy(() -> MemoryEstimator.estimate(GgufReader.readHeader(p)))
                .isInstanceOf(GgufFormatException.class).hasMessageContaining("qwen2.context_length");
    }

    private GgufHeader header(int layers, int embd, int heads, int kvHeads) throws Exception {
        Path p = tmp.resolve("h.gguf");
        GgufWriter.builder()
                .put("general.architecture", dev.modelport.gguf.format.GgufString.of("llama"))
                .put("llama.block_count", GgufScalar.uint32(layers))
                .put("llama.embedding_length", GgufScalar.uint32(embd))
                .put("llama.attention.head_count", GgufScalar.uint32(heads))
                .put("llama.attention.head_count_kv", GgufScalar.uint32(kvHeads))
                .put("llama.context_length", GgufScalar.uint32(4096))
                .addTensor("x", GgmlType.F32, TensorShape.of(8), TensorSource.ofBytes(new byte[32])).build().writeTo(p);
        return GgufReader.readHeader(p);
    }
}
