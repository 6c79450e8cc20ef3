package dev.modelport.gguf.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.gguf.MemoryChannel;
import dev.modelport.gguf.RawGguf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/**
 * Hand-forged headers that claim enormous sizes in a few bytes. Each must be refused with the
 * right error while allocating almost nothing: the claim is checked before any allocation.
 */
class HostileInputHeadersTest {
    /** Parser buffer, exception with stack trace, and slack; orders of magnitude below any claim. */
    private static final long SMALL = 512 * 1024;

    @BeforeAll
    static void warmUp() throws Exception {
        // Class loading and static tables allocate once; measure only the parse itself.
        parse(RawGguf.header(3, 1, 1).str("k").u32(8).str("v").tensor("t", 0, 0, 8).pad(32).zeros(32).build());
        rejection(RawGguf.header(3, 1L << 62, 0).build());
    }

    static Stream<Arguments> hostileHeaders() {
        RawGguf deep = RawGguf.header(3, 0, 1).str("k").u32(9);
        for (int i = 0; i < 10_000; i++) {
            deep.u32(9).u64(1);
        }
        return Stream.of(
                Arguments.of("huge tensor count", RawGguf.header(3, 1L << 62, 0).build(), GgufError.LIMIT_EXCEEDED),
                Arguments.of("tensor count beyond file", RawGguf.header(3, 1 << 20, 0).zeros(64).build(), GgufError.TRUNCATED),
                Arguments.of("huge kv count", RawGguf.header(3, 0, -1).build(), GgufError.LIMIT_EXCEEDED),
                Arguments.of("huge string length", RawGguf.header(3, 0, 1).str("k").u32(8).u64(Long.MAX_VALUE).build(),
                        GgufError.LIMIT_EXCEEDED),
                Arguments.of("string longer than file", RawGguf.header(3, 0, 1).str("k").u32(8).u64(1 << 23).zeros(8).build(),
                        GgufError.TRUNCATED),
                Arguments.of("huge key length", RawGguf.header(3, 0, 1).u64(1L << 40).zeros(64).build(), GgufError.LIMIT_EXCEEDED),
                Arguments.of("huge array length", RawGguf.header(3, 0, 1).str("k").u32(9).u32(12).u64(1L << 60).build(),
                        GgufError.LIMIT_EXCEEDED),
                Arguments.of("array of strings beyond file", RawGguf.header(3, 0, 1).str("k").u32(9).u32(8).u64(1 << 22).zeros(64).build(),
                        GgufError.TRUNCATED),
                Arguments.of("deeply nested arrays", deep.build(), GgufError.LIMIT_EXCEEDED),
                Arguments.of("offset overflow", RawGguf.header(3, 1, 0).tensor("t", 0, Long.MAX_VALUE & ~31L, 8).pad(32).zeros(32).build(),
                        GgufError.OUT_OF_BOUNDS),
                Arguments.of("offset above int64", RawGguf.header(3, 1, 0).tensor("t", 0, -32, 8).pad(32).zeros(32).build(),
                        GgufError.MISALIGNED_TENSOR),
                Arguments.of("overlapping tensors", RawGguf.header(3, 2, 0).tensor("a", 0, 0, 64).tensor("b", 0, 128, 64).pad(32).zeros(512).build(),
                        GgufError.OVERLAPPING_TENSORS),
                Arguments.of("more than 4 dims", RawGguf.header(3, 1, 0).tensor("t", 0, 0, 1, 1, 1, 1, 1).pad(32).zeros(32).build(),
                        GgufError.INVALID_SHAPE),
                Arguments.of("n_dims 2^32-1", RawGguf.header(3, 1, 0).str("t").u32(0xFFFF_FFFFL).zeros(64).build(), GgufError.INVALID_SHAPE),
                Arguments.of("zero dim", RawGguf.header(3, 1, 0).tensor("t", 0, 0, 8, 0).pad(32).zeros(32).build(), GgufError.INVALID_SHAPE),
                Arguments.of("negative dim", RawGguf.header(3, 1, 0).tensor("t", 0, 0, 8, -8).pad(32).zeros(32).build(), GgufError.INVALID_SHAPE),
                Arguments.of("dims product overflow", RawGguf.header(3, 1, 0).tensor("t", 0, 0, 1L << 20, 1L << 20, 1L << 20, 1L << 20)
                        .pad(32).zeros(32).build(), GgufError.INVALID_SHAPE),
                Arguments.of("byte size overflow", RawGguf.header(3, 1, 0).tensor("t", 0, 0, 1L << 31, 1L << 31).pad(32).zeros(32).build(),
                        GgufError.INVALID_SHAPE),
                Arguments.of("tensor bigger than file", RawGguf.header(3, 1, 0).tensor("t", 0, 0, 1L << 40).pad(32).zeros(32).build(),
                        GgufError.OUT_OF_BOUNDS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileHeaders")
    void refusesWithoutAllocatingForTheClaim(String name, byte[] input, GgufError expected) throws Exception {
        GgufFormatException[] thrown = new GgufFormatException[1];
        long allocated = AllocationMeter.measure(() -> thrown[0] = rejection(input));

        assertThat(thrown[0]).as(name + " was accepted").isNotNull();
        assertThat(thrown[0].error()).as(thrown[0].getMessage()).isEqualTo(expected);
        assertThat(allocated).isLessThan(SMALL + 8L * input.length);
    }

    /** The exception parsing threw, or null if the input was accepted. */
    private static GgufFormatException rejection(byte[] input) throws Exception {
        try {
            parse(input);
            return null;
        } catch (GgufFormatException e) {
            return e;
        }
    }

    private static void parse(byte[] input) throws Exception {
        try (GgufReader r = GgufReader.open(new MemoryChannel(input), ReadLimits.defaults())) {
            r.header();
        }
    }
}
