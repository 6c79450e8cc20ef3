package dev.modelport.gguf.quant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.gguf.TestVectors;
import dev.modelport.gguf.format.GgufHeader;
import dev.modelport.gguf.format.GgufReader;
import dev.modelport.gguf.format.GgufTensorInfo;
import dev.modelport.gguf.internal.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our output must equal llama-quantize --pure's, tensor by tensor (matched by name, since
 * llama.cpp orders tensors its own way).
 */
class QuantizerReferenceVectorsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({"tiny, Q8_0", "tiny, Q4_0", "edge, Q8_0", "edge, Q4_0"})
    void producesTheSameTensorBytesAsLlamaQuantize(String model, QuantType type) throws IOException {
        Path ref = TestVectors.file(model + "-" + type.name().toLowerCase() + "-ref.gguf");
        Path out = tmp.resolve(model + ".gguf");

        QuantizeResult result = Quantizer.quantize(TestVectors.file(model + "-f32.gguf"), out, type, ProgressListener.NONE);

        try (GgufReader ours = GgufReader.open(out); GgufReader theirs = GgufReader.open(ref)) {
            List<String> mismatches = new ArrayList<>();
            for (GgufTensorInfo expected : theirs.header().tensors()) {
                GgufTensorInfo actual = ours.header().tensor(expected.name()).orElseThrow();
                assertThat(actual.type()).as(expected.name()).isEqualTo(expected.type());
                assertThat(actual.shape()).as(expected.name()).isEqualTo(expected.shape());
                byte[] want = bytes(theirs, expected);
                if (!java.util.Arrays.equals(bytes(ours, actual), want)) {
                    mismatches.add(expected.name() + firstDifference(bytes(ours, actual), want));
                }
                assertThat(result.tensorSha256().get(expected.name())).isEqualTo(Sha256.hex(Sha256.newDigest().digest(want)));
            }
            assertThat(mismatches).isEmpty();
            assertThat(ours.header().tensors()).hasSameSizeAs(theirs.header().tensors());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Q8_0", "Q4_0"})
    void writesTheSameMetadataAsLlamaQuantizeInTheSameOrder(QuantType type) throws IOException {
        Path out = tmp.resolve("m.gguf");
        Quantizer.quantize(TestVectors.file("tiny-f32.gguf"), out, type, ProgressListener.NONE);

        GgufHeader ours = GgufReader.readHeader(out);
        GgufHeader theirs = GgufReader.readHeader(TestVectors.file("tiny-" + type.name().toLowerCase() + "-ref.gguf"));
        assertThat(new ArrayList<>(ours.metadata().asMap().entrySet()))
                .containsExactlyElementsOf(theirs.metadata().asMap().entrySet());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Q8_0", "Q4_0"})
    void givesTheSameBytesWhateverTheChunkingAndThreadCount(QuantType type) throws IOException {
        Path a = tmp.resolve("a.gguf");
        Path b = tmp.resolve("b.gguf");
        QuantizeResult one = Quantizer.builder().threads(1).build().run(TestVectors.file("edge-f32.gguf"), a, type, ProgressListener.NONE);
        QuantizeResult many = Quantizer.builder().threads(3).chunkElements(32).build()
                .run(TestVectors.file("edge-f32.gguf"), b, type, ProgressListener.NONE);

        assertThat(many.sha256()).isEqualTo(one.sha256());
    }

    private static byte[] bytes(GgufReader r, GgufTensorInfo t) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) t.byteSize());
        r.read(t, 0, buf);
        return buf.array();
    }

    private static String firstDifference(byte[] a, byte[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return String.format(" differs at byte %d: ours %02x, llama.cpp %02x", i, a[i], b[i]);
            }
        }
        return " differs in length";
    }
}
