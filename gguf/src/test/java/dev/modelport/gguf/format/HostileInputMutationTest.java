package dev.modelport.gguf.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.gguf.MemoryChannel;
import dev.modelport.gguf.TestVectors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutation of real GGUF headers, run in every ordinary build (Jazzer only fuzzes
 * with JAZZER_FUZZ=1). Half the mutations forge a header field (count, length, type, dim,
 * offset) with a boundary value; the rest flip, overwrite, cut, delete or duplicate bytes. Every
 * input must either parse or fail with {@link GgufFormatException}, and parsing may allocate only
 * a small multiple of the input's size.
 */
class HostileInputMutationTest {
    private static final int ITERATIONS = 30_000;
    private static final long SEED = 0x6767_7566L;
    private static final long[] INTERESTING = {
        0, 1, 2, 3, 4, 7, 8, 9, 12, 13, 31, 32, 33, 63, 64, 255, 256, 0x7FFF, 0xFFFF, 0x7FFF_FFFFL, 0x8000_0000L,
        0xFFFF_FFFFL, 0x1_0000_0000L, 1L << 40, 1L << 62, Long.MAX_VALUE, Long.MIN_VALUE, -1, -32, -64
    };

    @Test
    void mutatedHeadersFailOnlyWithFormatExceptionsAndBoundedAllocation() throws Exception {
        List<byte[]> seeds = seeds();
        List<List<FieldMap.Field>> fields = new ArrayList<>();
        for (byte[] s : seeds) {
            fields.add(FieldMap.of(s));
        }
        Random random = new Random(SEED);
        Set<GgufError> seen = EnumSet.noneOf(GgufError.class);
        int parsed = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            int s = random.nextInt(seeds.size());
            byte[] input = mutate(seeds.get(s), fields.get(s), random);
            long allocated;
            try {
                allocated = AllocationMeter.measure(() -> GgufParserFuzzTest.FuzzTarget.exercise(input));
                GgufError error = classify(input);
                if (error == null) {
                    parsed++;
                } else {
                    seen.add(error);
                }
            } catch (Throwable t) {
                throw new AssertionError("iteration " + i + " (seed " + SEED + ") escaped with " + t, t);
            }
            assertThat(allocated).as("bytes allocated for a %d-byte input at iteration %d", input.length, i)
                    .isLessThanOrEqualTo(1_048_576L + 16L * input.length);
        }
        System.out.printf("%d mutants: %d parsed, rejections reached: %s%n", ITERATIONS, parsed, seen);
        assertThat(parsed).as("mutants that still parse").isPositive();
        assertThat(seen).as("distinct rejections reached").hasSizeGreaterThanOrEqualTo(12);
    }

    private static GgufError classify(byte[] input) throws IOException {
        try (GgufReader r = GgufReader.open(new MemoryChannel(input), ReadLimits.defaults())) {
            r.header();
            return null;
        } catch (GgufFormatException e) {
            return e.error();
        }
    }

    private static byte[] mutate(byte[] seed, List<FieldMap.Field> fields, Random random) {
        byte[] b = seed.clone();
        int headerEnd = fields.get(fields.size() - 1).offset() + 8;
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            if (random.nextBoolean()) {
                FieldMap.Field f = fields.get(random.nextInt(fields.size()));
                if (f.offset() + f.width() > b.length) {
                    continue; // an earlier round cut the file before this field
                }
                long v = random.nextInt(4) == 0 ? random.nextLong() : INTERESTING[random.nextInt(INTERESTING.length)];
                for (int k = 0; k < f.width(); k++) {
                    b[f.offset() + k] = (byte) (v >>> (8 * k));
                }
                continue;
            }
            int at = random.nextInt(Math.min(b.length, headerEnd));
            switch (random.nextInt(5)) {
                case 0:
                    b[at] ^= (byte) (1 << random.nextInt(8));
                    break;
                case 1:
                    b[at] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
                    break;
                case 2:
                    b = Arrays.copyOf(b, at);
                    break;
                case 3: {
                    int n = Math.min(1 + random.nextInt(16), b.length - at);
                    byte[] cut = new byte[b.length - n];
                    System.arraycopy(b, 0, cut, 0, at);
                    System.arraycopy(b, at + n, cut, at, b.length - at - n);
                    b = cut;
                    break;
                }
                default: {
                    int n = Math.min(1 + random.nextInt(16), b.length - at);
                    byte[] grown = new byte[b.length + n];
                    System.arraycopy(b, 0, grown, 0, at + n);
                    System.arraycopy(b, at, grown, at + n, b.length - at);
                    b = grown;
                }
            }
            if (b.length == 0) {
                break;
            }
        }
        return b;
    }

    private static List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(Files.readAllBytes(TestVectors.file("tiny-f32.gguf")));
        seeds.add(Files.readAllBytes(TestVectors.file("edge-q4_0-ref.gguf")));
        for (String name : List.of("mini-llama", "all-types")) {
            try (InputStream in = HostileInputMutationTest.class.getResourceAsStream(
                    "GgufParserFuzzTestInputs/parserThrowsNothingButFormatExceptions/" + name)) {
                seeds.add(in.readAllBytes());
            }
        }
        return seeds;
    }
}
