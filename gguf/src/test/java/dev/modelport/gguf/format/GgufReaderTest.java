package dev.modelport.gguf.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.gguf.TestVectors;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class GgufReaderTest {

    @Test
    void readsHeaderOfReferenceModel() throws Exception {
        GgufHeader h = GgufReader.readHeader(TestVectors.file("tiny-f32.gguf"));

        assertThat(h.version()).isEqualTo(3);
        assertThat(h.metadata().size()).isEqualTo(20);
        assertThat(h.metadata().findString("general.architecture")).hasValue("llama");
        assertThat(h.metadata().findLong("llama.block_count")).hasValue(2);
        assertThat(h.metadata().findDouble("llama.rope.freq_base")).hasValue(10000.0);
        GgufArray tokens = h.metadata().findArray("tokenizer.ggml.tokens").orElseThrow();
        assertThat(tokens.elementType()).isEqualTo(GgufValueType.STRING);
        assertThat(tokens.length()).isEqualTo(264);
        assertThat(tokens.getString(3)).isEqualTo("<0x00>");
        assertThat(h.metadata().findArray("tokenizer.ggml.token_type").orElseThrow().getLong(3)).isEqualTo(6);
        assertThat(h.tensors()).hasSize(21);
        assertThat(h.dataOffset()).isEqualTo(7872);
        assertThat(h.alignment()).isEqualTo(32);
    }

    @Test
    void exposesTensorsAsFileRanges() throws Exception {
        GgufHeader h = GgufReader.readHeader(TestVectors.file("tiny-f32.gguf"));
        GgufTensorInfo embd = h.tensor("token_embd.weight").orElseThrow();

        assertThat(embd.type()).isEqualTo(GgmlType.F32);
        assertThat(embd.shape().dims()).containsExactly(64, 264);
        assertThat(embd.byteSize()).isEqualTo(64L * 264 * 4);
        assertThat(h.rangeOf(embd)).isEqualTo(new ByteRange(7872, 67584));
        assertThat(h.rangeOf(embd).httpRange()).isEqualTo("bytes=7872-75455");
    }

    @Test
    void streamsTensorBytesFromTheFile() throws Exception {
        try (GgufReader r = GgufReader.open(TestVectors.file("tiny-f32.gguf"))) {
            GgufTensorInfo norm = r.header().tensor("blk.0.attn_norm.weight").orElseThrow();
            ByteBuffer positional = ByteBuffer.allocate((int) norm.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
            r.read(norm, 0, positional);
            byte[] streamed;
            try (InputStream in = r.tensorStream(norm)) {
                streamed = in.readAllBytes();
            }

            assertThat(streamed).isEqualTo(positional.array());
            assertThat(streamed).hasSize(256);
        }
    }

    @Test
    void refusesToReadPastTheEndOfATensor() throws Exception {
        try (GgufReader r = GgufReader.open(TestVectors.file("tiny-f32.gguf"))) {
            GgufTensorInfo norm = r.header().tensor("blk.0.attn_norm.weight").orElseThrow();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.read(norm, 200, ByteBuffer.allocate(100)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
