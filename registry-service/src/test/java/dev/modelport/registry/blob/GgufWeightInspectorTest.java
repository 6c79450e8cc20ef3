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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The upload's header check on the gguf module's reader: llama.cpp's own files parse, the registry's policy (an
 * architecture name, at least one tensor) is applied on top, and the reader's refusals reach the caller as
 * NotGgufException with the reader's stable code. Hostile headers (huge counts, lengths past the file, overlapping or
 * out-of-bounds tensors) are the reader's job and are tested there: gguf's HostileInputHeadersTest, fuzz tests.
 */
class GgufWeightInspectorTest {

    private final GgufWeightInspector inspector = new GgufWeightInspector();

    private WeightInfo inspect(byte[] bytes) throws Exception {
        return inspector.inspect(new ByteArrayInputStream(bytes), bytes.length);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GgufWeightInspectorTest.class.getResourceAsStream("/gguf/" + name)) {
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
        assertThat(q4.tensors()).contains(new WeightInfo.Tensor("output.weight", "Q4_0", List.of(64L, 264L)));
        assertThat(q4.tensors()).extracting(WeightInfo.Tensor::type).containsOnly("Q4_0", "F32");
        assertThat(inspect(resource("tiny-q8_0-ref.gguf")).tensors()).extracting(WeightInfo.Tensor::type)
                .contains("Q8_0");
    }

    @Test
    void readsTheGeneratedSamples() throws Exception {
        WeightInfo info = inspect(SampleGguf.small("qwen2", "x").bytes());
        assertThat(info.architecture()).isEqualTo("qwen2");
        assertThat(info.tensors()).singleElement().extracting(WeightInfo.Tensor::shape).isEqualTo(List.of(1024L));
    }

    @Test
    void stopsReadingAfterTheHeaderSoTheCallerHashesTheRest() throws Exception {
        byte[] bytes = SampleGguf.of("llama", "big", 1 << 20, 7).bytes();
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        inspector.inspect(in, bytes.length);
        assertThat(in.available()).isGreaterThan(bytes.length - (128 << 10));
    }

    @Test
    void refusesAnotherMagicWithTheReadersCode() {
        assertThatThrownBy(() -> inspect("PK\u0003\u0004 a zip file".getBytes()))
                .isInstanceOf(WeightInspector.NotGgufException.class).hasMessageStartingWith("BAD_MAGIC");
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
    void refusesAFileWithoutArchitectureOrTensors() {
        byte[] empty = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putInt(0x46554747).putInt(3)
                .putLong(0).putLong(0).array();
        assertThatThrownBy(() -> inspect(empty)).isInstanceOf(WeightInspector.NotGgufException.class)
                .hasMessageContaining("general.architecture");
    }
}
