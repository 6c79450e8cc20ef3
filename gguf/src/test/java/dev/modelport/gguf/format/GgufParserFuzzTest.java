package dev.modelport.gguf.format;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modelport.gguf.MemoryChannel;
import dev.modelport.gguf.memory.MemoryEstimator;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzzing of the header parser with Jazzer. A plain {@code mvn test} runs it in
 * regression mode over the seeds in {@code GgufParserFuzzTestInputs}; {@code JAZZER_FUZZ=1}
 * fuzzes for {@code maxDuration}. {@link HostileInputMutationTest} covers mutation in the
 * ordinary run.
 */
class GgufParserFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parserThrowsNothingButFormatExceptions(byte[] input) throws IOException {
        FuzzTarget.exercise(input);
    }

    /** What every fuzz iteration does; shared with the mutation test. */
    static final class FuzzTarget {
        private FuzzTarget() {
        }

        /** Parses, then touches everything a caller would; only GgufFormatException may escape. */
        static void exercise(byte[] input) throws IOException {
            try (GgufReader r = GgufReader.open(new MemoryChannel(input), ReadLimits.defaults())) {
                GgufHeader h = r.header();
                for (GgufTensorInfo t : h.tensors()) {
                    ByteBuffer head = ByteBuffer.allocate((int) Math.min(64, t.byteSize()));
                    r.read(t, 0, head);
                    h.rangeOf(t);
                }
                h.metadata().asMap().forEach((k, v) -> v.toString());
                try {
                    MemoryEstimator.estimate(h);
                } catch (GgufFormatException expected) {
                    // most fuzzed headers lack the llama keys
                }
            } catch (GgufFormatException expected) {
                // the one failure the parser may report
            }
        }
    }
}
