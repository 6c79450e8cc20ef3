package dev.modelport.gguf.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.gguf.MemoryChannel;
import dev.modelport.gguf.RawGguf;
import org.junit.jupiter.api.Test;

/** Each test plays one malformed or hostile header and expects one specific error code. */
class HeaderValidationTest {
    private static final int F32 = 0;

    private static GgufHeader parse(byte[] bytes) throws Exception {
        try (GgufReader r = GgufReader.open(new MemoryChannel(bytes), ReadLimits.defaults())) {
            return r.header();
        }
    }

    private static void assertRejected(byte[] bytes, GgufError expected, String messagePart) {
        assertThatThrownBy(() -> parse(bytes))
                .isInstanceOfSatisfying(GgufFormatException.class, e -> assertThat(e.error()).isEqualTo(expected))
                .hasMessageContaining(messagePart);
    }

    /** A valid file with one F32 tensor of {@code n} elements at offset 0. */
    private static RawGguf oneTensor(long n, long offset, long... dims) {
        return RawGguf.header(3, 1, 0).tensor("t", F32, offset, dims.length == 0 ? new long[] {n} : dims).pad(32);
    }

    @Test
    void acceptsAMinimalValidFile() throws Exception {
        GgufHeader h = parse(oneTensor(8, 0).zeros(32).build());
        assertThat(h.tensors()).hasSize(1);
        assertThat(h.dataOffset()).isEqualTo(64);
    }

    @Test
    void rejectsBadMagic() {
        byte[] b = oneTensor(8, 0).zeros(32).build();
        b[0] = 'X';
        assertRejected(b, GgufError.BAD_MAGIC, "magic");
    }

    @Test
    void rejectsAFileTooShortForTheMagic() {
        assertRejected(new byte[] {'G', 'G'}, GgufError.BAD_MAGIC, "too short");
    }

    @Test
    void rejectsUnknownVersions() {
        assertRejected(RawGguf.header(1, 0, 0).build(), GgufError.UNSUPPORTED_VERSION, "version 1");
        assertRejected(RawGguf.header(4, 0, 0).build(), GgufError.UNSUPPORTED_VERSION, "version 4");
        assertRejected(RawGguf.header(0x0300_0000L, 0, 0).build(), GgufError.UNSUPPORTED_VERSION, "big-endian");
    }

    @Test
    void rejectsUnknownValueType() {
        byte[] b = RawGguf.header(3, 0, 1).str("k").u32(13).u32(0).build();
        assertRejected(b, GgufError.UNKNOWN_VALUE_TYPE, "13");
    }

    @Test
    void rejectsUnknownTensorType() {
        byte[] b = RawGguf.header(3, 1, 0).tensor("t", 4, 0, 32).pad(32).zeros(64).build();
        assertRejected(b, GgufError.UNKNOWN_TENSOR_TYPE, "tensor 't'");
    }

    @Test
    void rejectsHugeTensorCount() {
        assertRejected(RawGguf.header(3, Long.MAX_VALUE, 0).build(), GgufError.LIMIT_EXCEEDED, "tensor_count");
        assertRejected(RawGguf.header(3, 1000, 0).build(), GgufError.TRUNCATED, "tensor_count 1000");
    }

    @Test
    void rejectsHugeKvCount() {
        assertRejected(RawGguf.header(3, 0, -1L).build(), GgufError.LIMIT_EXCEEDED, "18446744073709551615");
        assertRejected(RawGguf.header(3, 0, 60_000).build(), GgufError.TRUNCATED, "metadata_kv_count");
    }

    @Test
    void rejectsHugeStringLength() {
        byte[] b = RawGguf.header(3, 0, 1).str("k").u32(8).u64(1L << 40).build();
        assertRejected(b, GgufError.LIMIT_EXCEEDED, "string length 1099511627776");
        byte[] c = RawGguf.header(3, 0, 1).str("k").u32(8).u64(1000).zeros(10).build();
        assertRejected(c, GgufError.TRUNCATED, "past the end");
    }

    @Test
    void rejectsHugeArrayLength() {
        byte[] b = RawGguf.header(3, 0, 1).str("k").u32(9).u32(8).u64(Long.MAX_VALUE).build();
        assertRejected(b, GgufError.LIMIT_EXCEEDED, "array length");
        byte[] c = RawGguf.header(3, 0, 1).str("k").u32(9).u32(10).u64(1 << 20).zeros(100).build();
        assertRejected(c, GgufError.TRUNCATED, "cannot fit");
    }

    @Test
    void rejectsArraysNestedTooDeep() {
        RawGguf g = RawGguf.header(3, 0, 1).str("k").u32(9);
        for (int i = 0; i < 100; i++) {
            g.u32(9).u64(1);
        }
        assertRejected(g.u32(0).u64(0).build(), GgufError.LIMIT_EXCEEDED, "nested");
    }

    @Test
    void rejectsDuplicateKeysAndTensors() {
        byte[] keys = RawGguf.header(3, 0, 2).str("k").u32(0).u8(1).str("k").u32(0).u8(2).build();
        assertRejected(keys, GgufError.DUPLICATE_KEY, "'k'");
        byte[] tensors = RawGguf.header(3, 2, 0).tensor("t", F32, 0, 8).tensor("t", F32, 32, 8).pad(32).zeros(64).build();
        assertRejected(tensors, GgufError.DUPLICATE_TENSOR, "'t'");
    }

    @Test
    void rejectsMoreThanFourDimensions() {
        byte[] b = RawGguf.header(3, 1, 0).tensor("t", F32, 0, 1, 1, 1, 1, 1).pad(32).zeros(32).build();
        assertRejected(b, GgufError.INVALID_SHAPE, "5 dimensions");
    }

    @Test
    void rejectsZeroNegativeAndOverflowingDimensions() {
        assertRejected(oneTensor(0, 0).build(), GgufError.INVALID_SHAPE, "not positive");
        assertRejected(oneTensor(-1, 0).build(), GgufError.INVALID_SHAPE, "18446744073709551615");
        assertRejected(oneTensor(0, 0, 1L << 32, 1L << 32).zeros(32).build(), GgufError.INVALID_SHAPE, "overflows");
        assertRejected(oneTensor(0, 0, 1L << 31, 1L << 31).zeros(32).build(), GgufError.INVALID_SHAPE, "byte size");
    }

    @Test
    void rejectsATensorWhoseRowIsNotWholeBlocks() {
        byte[] b = RawGguf.header(3, 1, 0).tensor("t", 8, 0, 33).pad(32).zeros(64).build();
        assertRejected(b, GgufError.INVALID_SHAPE, "block size 32");
    }

    @Test
    void rejectsTensorsOutOfBounds() {
        assertRejected(oneTensor(8, 0).zeros(31).build(), GgufError.OUT_OF_BOUNDS, "past the end");
        assertRejected(oneTensor(8, 1L << 40).zeros(32).build(), GgufError.OUT_OF_BOUNDS, "past the end");
        assertRejected(oneTensor(8, Long.MAX_VALUE - 31).zeros(32).build(), GgufError.OUT_OF_BOUNDS, "past the end");
    }

    @Test
    void rejectsOffsetsAboveInt64AsMisaligned() {
        assertRejected(oneTensor(8, -32).zeros(32).build(), GgufError.MISALIGNED_TENSOR, "18446744073709551584");
    }

    @Test
    void rejectsOverlappingTensors() {
        byte[] b = RawGguf.header(3, 2, 0).tensor("a", F32, 0, 16).tensor("b", F32, 32, 16).pad(32).zeros(128).build();
        assertRejected(b, GgufError.OVERLAPPING_TENSORS, "overlaps");
    }

    @Test
    void rejectsMisalignedTensorData() {
        assertRejected(oneTensor(8, 4).zeros(64).build(), GgufError.MISALIGNED_TENSOR, "alignment 32");
    }

    @Test
    void rejectsAlignmentThatIsNotAPowerOfTwoUint32() {
        byte[] notPow2 = RawGguf.header(3, 0, 1).str("general.alignment").u32(4).u32(48).build();
        assertRejected(notPow2, GgufError.INVALID_ALIGNMENT, "power of two");
        byte[] wrongType = RawGguf.header(3, 0, 1).str("general.alignment").u32(10).u64(32).build();
        assertRejected(wrongType, GgufError.INVALID_ALIGNMENT, "UINT32");
    }

    @Test
    void honoursACustomAlignment() throws Exception {
        byte[] b = RawGguf.header(3, 1, 1).str("general.alignment").u32(4).u32(256)
                .tensor("t", F32, 0, 8).pad(256).zeros(32).build();
        assertThat(parse(b).dataOffset()).isEqualTo(256);
    }

    @Test
    void rejectsOverlongTensorNamesAndInvalidUtf8Keys() {
        byte[] longName = RawGguf.header(3, 1, 0).tensor("x".repeat(64), F32, 0, 8).pad(32).zeros(32).build();
        assertRejected(longName, GgufError.LIMIT_EXCEEDED, "tensor name length 64");
        byte[] badKey = RawGguf.header(3, 0, 1).u64(2).bytes(new byte[] {(byte) 0xC3, 0x28}).u32(0).u8(1).build();
        assertRejected(badKey, GgufError.INVALID_STRING, "UTF-8");
    }

    @Test
    void rejectsBoolsOtherThanZeroOrOne() {
        assertRejected(RawGguf.header(3, 0, 1).str("b").u32(7).u8(2).build(), GgufError.WRONG_VALUE_TYPE, "bool");
    }

    @Test
    void rejectsATruncatedHeader() {
        byte[] full = oneTensor(8, 0).zeros(32).build();
        byte[] cut = java.util.Arrays.copyOf(full, 30);
        assertRejected(cut, GgufError.TRUNCATED, "");
    }

    @Test
    void enforcesTheHeaderSizeLimit() {
        byte[] b = RawGguf.header(3, 0, 1).str("k").u32(8).str("y".repeat(2000)).build();
        ReadLimits small = ReadLimits.builder().maxHeaderBytes(1000).build();
        assertThatThrownBy(() -> GgufReader.open(new MemoryChannel(b), small))
                .isInstanceOfSatisfying(GgufFormatException.class, e -> assertThat(e.error()).isEqualTo(GgufError.LIMIT_EXCEEDED));
    }
}
