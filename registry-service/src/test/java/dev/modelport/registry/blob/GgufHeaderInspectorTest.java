package dev.modelport.registry.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.devstack.SampleGguf;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The header reader on its own: llama.cpp's own quantized output (the shared reference vectors) parses, and
 * malformed or hostile headers are refused with a reason instead of allocating or reading past the file.
 */
class GgufHeaderInspectorTest {

    private final GgufHeaderInspector inspector = new GgufHeaderInspector();

    private WeightInfo inspect(byte[] bytes) throws Exception {
        return inspector.inspect(new ByteArrayInputStream(bytes), bytes.length);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GgufHeaderInspectorTest.class.getResourceAsStream("/gguf/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsLlamaCppQuantizedFiles() throws Exception {
        WeightInfo q4 = inspect(resource("tiny-q4_0-ref.gguf"));
        assertThat(q4.format()).isEqualTo("GGUF");
        assertThat(q4.formatVersion()).isEqualTo(3);
        assertThat(q4.architecture()).isEqualTo("llama");
        assertThat(q4.tensors()).hasSize(21);
        assertThat(q4.tensors().get(0)).isEqualTo(new WeightInfo.Tensor("output.weight", "Q4_0",
                java.util.List.of(64L, 264L)));
        assertThat(q4.tensors()).extracting(WeightInfo.Tensor::type).containsOnly("Q4_0", "F32");

        WeightInfo q8 = inspect(resource("tiny-q8_0-ref.gguf"));
        assertThat(q8.tensors()).extracting(WeightInfo.Tensor::type).contains("Q8_0");
    }

    @Test
    void readsTheGeneratedSamples() throws Exception {
        WeightInfo info = inspect(SampleGguf.small("qwen2", "x").bytes());
        assertThat(info.architecture()).isEqualTo("qwen2");
        assertThat(info.tensors()).singleElement().extracting(WeightInfo.Tensor::shape)
                .isEqualTo(java.util.List.of(1024L));
    }

    @Test
    void refusesAnotherMagic() {
        assertThatThrownBy(() -> inspect("PK\u0003\u0004 a zip file".getBytes()))
                .isInstanceOf(WeightInspector.NotGgufException.class).hasMessageContaining("magic");
    }

    @Test
    void refusesATruncatedFile() throws Exception {
        byte[] full = resource("tiny-q4_0-ref.gguf");
        for (int cut : new int[] {3, 10, 30, 200, 2000, full.length - 1}) {
            assertThatThrownBy(() -> inspect(Arrays.copyOf(full, cut)))
                    .as("cut at %d", cut).isInstanceOf(WeightInspector.NotGgufException.class);
        }
    }

    @Test
    void refusesHugeCountsWithoutAllocating() {
        byte[] header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(0x46554747).putInt(3)
                .putLong(Long.MAX_VALUE).putLong(1).array();
        assertThatThrownBy(() -> inspect(header)).isInstanceOf(WeightInspector.NotGgufException.class)
                .hasMessageContaining("tensor count");
    }

    @Test
    void refusesAStringLongerThanTheFile() {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN).putInt(0x46554747).putInt(3)
                .putLong(1).putLong(1).putLong(1L << 40);
        assertThatThrownBy(() -> inspect(b.array())).isInstanceOf(WeightInspector.NotGgufException.class)
                .hasMessageContaining("longer than");
    }

    @Test
    void refusesATensorPastTheEndOfTheFile() throws Exception {
        byte[] sample = SampleGguf.small("llama", "y").bytes();
        assertThatThrownBy(() -> inspect(Arrays.copyOf(sample, sample.length - 4)))
                .isInstanceOf(WeightInspector.NotGgufException.class)
                .hasMessageContaining("reaches past the end");
    }

    @Test
    void refusesAFileWithoutArchitecture() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putInt(0x46554747).putInt(3)
                .putLong(1).putLong(0);
        assertThatThrownBy(() -> inspect(b.array())).isInstanceOf(WeightInspector.NotGgufException.class)
                .hasMessageContaining("general.architecture");
    }
}
