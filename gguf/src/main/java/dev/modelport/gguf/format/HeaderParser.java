package dev.modelport.gguf.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * Parses and validates a GGUF header, following the layout in ggml's docs/gguf.md ("File
 * Structure"): magic, version, tensor_count, metadata_kv_count, the KV pairs, the tensor infos,
 * padding to {@code general.alignment}, then tensor data.
 *
 * <p>Safety rule: before allocating for any count or length read from the file, check it against
 * the bytes the file still has (each item needs at least its minimum encoded size) and against
 * {@link ReadLimits}. A header can therefore never make us allocate more than a small multiple of
 * its own size.
 */
final class HeaderParser {
    static final int MAGIC = 0x4655_4747; // "GGUF" read as a little-endian uint32
    private static final int MIN_KV_BYTES = 8 + 1 + 4 + 1; // key length, 1-byte key, type, 1-byte value
    private static final int MIN_TENSOR_INFO_BYTES = 8 + 1 + 4 + 8 + 4 + 8; // name, n_dims, 1 dim, type, offset
    private static final int MAX_KEY_BYTES = 65_535; // spec: keys are at most 2^16-1 bytes

    private final HeaderInput in;
    private final ReadLimits limits;
    private final long fileSize;

    private HeaderParser(RandomAccess source, ReadLimits limits) {
        this.in = new HeaderInput(source);
        this.limits = limits;
        this.fileSize = source.size();
    }

    static GgufHeader parse(RandomAccess source, ReadLimits limits) throws IOException {
        return new HeaderParser(source, limits).parse();
    }

    private GgufHeader parse() throws IOException {
        if (fileSize < 4) {
            throw new GgufFormatException(GgufError.BAD_MAGIC, "file of " + fileSize + " bytes is too short for the GGUF magic");
        }
        int magic = (int) in.u32();
        if (magic != MAGIC) {
            throw new GgufFormatException(GgufError.BAD_MAGIC,
                    String.format("magic is 0x%08x, expected 0x%08x (\"GGUF\")", Integer.reverseBytes(magic), Integer.reverseBytes(MAGIC)));
        }
        int version = readVersion();
        long tensorCount = count(in.u64(), limits.maxTensorCount(), MIN_TENSOR_INFO_BYTES, "tensor_count");
        long kvCount = count(in.u64(), limits.maxKvCount(), MIN_KV_BYTES, "metadata_kv_count");
        GgufMetadata metadata = readMetadata(kvCount);
        int alignment = validateAlignment(metadata);
        List<GgufTensorInfo> tensors = readTensorInfos(tensorCount, alignment);
        long dataOffset = alignUp(in.position(), alignment);
        checkBounds(tensors, dataOffset);
        return new GgufHeader(version, metadata, tensors, dataOffset, fileSize);
    }

    private int readVersion() throws IOException {
        long version = in.u32();
        if (version == 2 || version == 3) {
            return (int) version; // v3 only added big-endian files; the little-endian layout is the same as v2
        }
        if (version != 0 && (version & 0xFFFF) == 0) {
            throw new GgufFormatException(GgufError.UNSUPPORTED_VERSION,
                    "version " + Integer.reverseBytes((int) version) + " in big-endian byte order is not supported");
        }
        throw new GgufFormatException(GgufError.UNSUPPORTED_VERSION,
                "GGUF version " + version + " is not supported (expected 3, or the identical 2)");
    }

    /** Rejects a count the limit forbids or the rest of the file could not possibly hold. */
    private long count(long value, long max, int minItemBytes, String what) throws GgufFormatException {
        if (value < 0 || value > max) {
            throw new GgufFormatException(GgufError.LIMIT_EXCEEDED,
                    what + " " + Long.toUnsignedString(value) + " exceeds the limit of " + max);
        }
        if (value > in.remaining() / minItemBytes) {
            throw new GgufFormatException(GgufError.TRUNCATED, what + " " + value + " cannot fit in the "
                    + in.remaining() + " bytes left after offset " + in.position());
        }
        return value;
    }

    private GgufMetadata readMetadata(long kvCount) throws IOException {
        LinkedHashMap<String, GgufValue> kv = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            long at = in.position();
            String key = utf8(readStringBytes(MAX_KEY_BYTES, "metadata key"), "metadata key");
            if (key.isEmpty()) {
                throw new GgufFormatException(GgufError.INVALID_STRING, "empty metadata key at offset " + at);
            }
            GgufValueType type = GgufValueType.fromCode(in.u32());
            GgufValue value = readValue(type, 0);
            if (kv.putIfAbsent(key, value) != null) {
                throw new GgufFormatException(GgufError.DUPLICATE_KEY, "metadata key '" + key + "' appears twice");
            }
        }
        GgufMetadata.Builder b = GgufMetadata.builder();
        kv.forEach(b::put);
        return b.build();
    }

    private GgufValue readValue(GgufValueType type, int depth) throws IOException {
        switch (type) {
            case STRING:
                return GgufString.wrap(readStringBytes(limits.maxStringBytes(), "string"));
            case ARRAY:
                return readArray(depth + 1);
            default:
                return GgufScalar.fromRaw(type, in.raw(type.fixedSize()));
        }
    }

    private GgufArray readArray(int depth) throws IOException {
        if (depth > limits.maxArrayDepth()) {
            throw new GgufFormatException(GgufError.LIMIT_EXCEEDED, "arrays nested deeper than " + limits.maxArrayDepth());
        }
        GgufValueType elementType = GgufValueType.fromCode(in.u32());
        long length = in.u64();
        if (length < 0 || length > limits.maxArrayLength()) {
            throw new GgufFormatException(GgufError.LIMIT_EXCEEDED,
                    "array length " + Long.toUnsignedString(length) + " exceeds the limit of " + limits.maxArrayLength());
        }
        if (length > in.remaining() / elementType.minEncodedSize()) {
            throw new GgufFormatException(GgufError.TRUNCATED, "array of " + length + " " + elementType
                    + " cannot fit in the " + in.remaining() + " bytes left after offset " + in.position());
        }
        int n = (int) length;
        if (elementType.isFixedSize()) {
            byte[] raw = budgetedBytes((long) n * elementType.fixedSize());
            if (elementType == GgufValueType.BOOL) {
                checkBools(raw);
            }
            return GgufArray.ofRaw(elementType, raw);
        }
        List<GgufValue> items = new ArrayList<>(Math.min(n, 1024)); // grows with bytes actually read
        for (int i = 0; i < n; i++) {
            items.add(readValue(elementType, depth));
        }
        return GgufArray.ofValues(elementType, items);
    }

    private static void checkBools(byte[] raw) throws GgufFormatException {
        for (byte b : raw) {
            if ((b & 0xFF) > 1) {
                throw new GgufFormatException(GgufError.WRONG_VALUE_TYPE, "bool array element " + (b & 0xFF) + " is not 0 or 1");
            }
        }
    }

    /** A gguf_string_t: uint64 length, then that many bytes. */
    private byte[] readStringBytes(int maxBytes, String what) throws IOException {
        long at = in.position();
        long length = in.u64();
        if (length < 0 || length > maxBytes) {
            throw new GgufFormatException(GgufError.LIMIT_EXCEEDED,
                    what + " length " + Long.toUnsignedString(length) + " at offset " + at + " exceeds the limit of " + maxBytes);
        }
        if (length > in.remaining()) {
            throw new GgufFormatException(GgufError.TRUNCATED, what + " length " + length + " at offset " + at
                    + " runs past the end of the file");
        }
        return budgetedBytes(length);
    }

    private byte[] budgetedBytes(long n) throws IOException {
        if (in.position() + n > limits.maxHeaderBytes()) {
            throw new GgufFormatException(GgufError.LIMIT_EXCEEDED,
                    "header exceeds the limit of " + limits.maxHeaderBytes() + " bytes");
        }
        return in.bytes((int) n);
    }

    private static String utf8(byte[] bytes, String what) throws GgufFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new GgufFormatException(GgufError.INVALID_STRING, what + " is not valid UTF-8");
        }
    }

    private int validateAlignment(GgufMetadata metadata) throws GgufFormatException {
        GgufValue v = metadata.get(GgufMetadata.ALIGNMENT).orElse(null);
        if (v == null) {
            return GgufMetadata.DEFAULT_ALIGNMENT;
        }
        // ggml's gguf.cpp reads it with gguf_get_val_u32, so any other type is an error there too.
        if (v.type() != GgufValueType.UINT32) {
            throw new GgufFormatException(GgufError.INVALID_ALIGNMENT, GgufMetadata.ALIGNMENT + " must be UINT32, not " + v.type());
        }
        long a = ((GgufScalar) v).asLong();
        if (a == 0 || Long.bitCount(a) != 1) {
            throw new GgufFormatException(GgufError.INVALID_ALIGNMENT, GgufMetadata.ALIGNMENT + " " + a + " is not a power of two");
        }
        return (int) a;
    }

    private List<GgufTensorInfo> readTensorInfos(long tensorCount, int alignment) throws IOException {
        List<GgufTensorInfo> tensors = new ArrayList<>((int) Math.min(tensorCount, 1024));
        Set<String> names = new HashSet<>();
        for (long i = 0; i < tensorCount; i++) {
            GgufTensorInfo t = readTensorInfo(alignment);
            if (!names.add(t.name())) {
                throw new GgufFormatException(GgufError.DUPLICATE_TENSOR, "tensor '" + t.name() + "' appears twice");
            }
            tensors.add(t);
        }
        return tensors;
    }

    private GgufTensorInfo readTensorInfo(int alignment) throws IOException {
        String name = utf8(readStringBytes(GgufTensorInfo.MAX_NAME_BYTES, "tensor name"), "tensor name");
        if (name.isEmpty()) {
            throw new GgufFormatException(GgufError.INVALID_STRING, "empty tensor name at offset " + in.position());
        }
        long nDims = in.u32();
        if (nDims < 1 || nDims > TensorShape.MAX_DIMS) {
            throw new GgufFormatException(GgufError.INVALID_SHAPE,
                    "tensor '" + name + "' has " + nDims + " dimensions; GGUF allows 1 to " + TensorShape.MAX_DIMS);
        }
        long[] dims = new long[(int) nDims];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = in.u64();
        }
        TensorShape shape = withName(name, () -> TensorShape.of(dims));
        GgmlType type = withName(name, () -> GgmlType.fromCode(in.u32()));
        long offset = in.u64();
        if (offset < 0 || offset % alignment != 0) {
            throw new GgufFormatException(GgufError.MISALIGNED_TENSOR, "tensor '" + name + "' offset "
                    + Long.toUnsignedString(offset) + " is not a multiple of the alignment " + alignment);
        }
        return withName(name, () -> GgufTensorInfo.of(name, type, shape, offset));
    }

    /** Every tensor must lie inside the file and no two may share a byte. */
    private void checkBounds(List<GgufTensorInfo> tensors, long dataOffset) throws GgufFormatException {
        List<GgufTensorInfo> byOffset = new ArrayList<>(tensors);
        byOffset.sort(Comparator.comparingLong(GgufTensorInfo::offset));
        long available = fileSize - dataOffset;
        GgufTensorInfo previous = null;
        for (GgufTensorInfo t : byOffset) {
            // offset and byteSize are both non-negative, so "offset > available - size" cannot overflow.
            if (available < 0 || t.byteSize() > available || t.offset() > available - t.byteSize()) {
                throw new GgufFormatException(GgufError.OUT_OF_BOUNDS, "tensor '" + t.name() + "' at data offset "
                        + t.offset() + " with " + t.byteSize() + " bytes ends past the end of the file (" + fileSize + " bytes, data at " + dataOffset + ")");
            }
            if (previous != null && t.offset() < previous.offset() + previous.byteSize()) {
                throw new GgufFormatException(GgufError.OVERLAPPING_TENSORS,
                        "tensor '" + t.name() + "' overlaps tensor '" + previous.name() + "'");
            }
            previous = t;
        }
    }

    static long alignUp(long position, int alignment) {
        return (position + alignment - 1) / alignment * alignment;
    }

    private interface Step<T> {
        T run() throws IOException;
    }

    /** Prefixes a failure with the tensor it concerns, so a message names what is wrong. */
    private static <T> T withName(String name, Step<T> step) throws IOException {
        try {
            return step.run();
        } catch (GgufFormatException e) {
            throw new GgufFormatException(e.error(), "tensor '" + name + "': " + e.getMessage().substring(e.error().name().length() + 2));
        }
    }
}
