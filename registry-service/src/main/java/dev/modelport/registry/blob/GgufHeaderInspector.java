package dev.modelport.registry.blob;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A strict reader of the GGUF v2/v3 header (ggml docs/gguf.md): magic, version, metadata key/values and tensor
 * infos. Every length and count is checked against the bytes the file can still hold before anything is read or
 * allocated, so a hostile header cannot make the server allocate or loop more than the file's size allows. Tensor
 * data is not read, but every tensor must lie inside the file, aligned and without overlap.
 */
public final class GgufHeaderInspector implements WeightInspector {

    static final int MAGIC = 0x46554747; // "GGUF" little-endian
    static final int MAX_TENSORS = 65_536;
    static final int MAX_KEYS = 65_536;
    static final int MAX_KEY_BYTES = 65_535;
    static final int MAX_STRING_BYTES = 16 * 1024 * 1024;
    static final int MAX_NAME_BYTES = 64; // GGML_MAX_NAME
    static final int MAX_DIMS = 4; // GGML_MAX_DIMS
    static final int MAX_ARRAY_DEPTH = 2;
    static final int DEFAULT_ALIGNMENT = 32;

    /** ggml_type id → (name, elements per block, bytes per block), as gguf-py's GGML_QUANT_SIZES lists them. */
    private static final Type[] TYPES = new Type[40];

    private record Type(String name, int blockSize, int typeSize) {
    }

    static {
        type(0, "F32", 1, 4);
        type(1, "F16", 1, 2);
        type(2, "Q4_0", 32, 18);
        type(3, "Q4_1", 32, 20);
        type(6, "Q5_0", 32, 22);
        type(7, "Q5_1", 32, 24);
        type(8, "Q8_0", 32, 34);
        type(9, "Q8_1", 32, 40);
        type(10, "Q2_K", 256, 84);
        type(11, "Q3_K", 256, 110);
        type(12, "Q4_K", 256, 144);
        type(13, "Q5_K", 256, 176);
        type(14, "Q6_K", 256, 210);
        type(15, "Q8_K", 256, 292);
        type(16, "IQ2_XXS", 256, 66);
        type(17, "IQ2_XS", 256, 74);
        type(18, "IQ3_XXS", 256, 98);
        type(19, "IQ1_S", 256, 50);
        type(20, "IQ4_NL", 32, 18);
        type(21, "IQ3_S", 256, 110);
        type(22, "IQ2_S", 256, 82);
        type(23, "IQ4_XS", 256, 136);
        type(24, "I8", 1, 1);
        type(25, "I16", 1, 2);
        type(26, "I32", 1, 4);
        type(27, "I64", 1, 8);
        type(28, "F64", 1, 8);
        type(29, "IQ1_M", 256, 56);
        type(30, "BF16", 1, 2);
        type(34, "TQ1_0", 256, 54);
        type(35, "TQ2_0", 256, 66);
        type(39, "MXFP4", 32, 17);
    }

    private static void type(int id, String name, int blockSize, int typeSize) {
        TYPES[id] = new Type(name, blockSize, typeSize);
    }

    @Override
    public WeightInfo inspect(InputStream in, long size) throws IOException, NotGgufException {
        return new Parse(new Reader(in, size)).run();
    }

    private record TensorSpan(String name, long offset, long bytes) {
    }

    private static final class Parse {
        private final Reader r;
        private String architecture;
        private long alignment = DEFAULT_ALIGNMENT;

        Parse(Reader r) {
            this.r = r;
        }

        WeightInfo run() throws IOException, NotGgufException {
            if (r.size < 4 || r.u32() != MAGIC) {
                throw new NotGgufException("the file does not start with the GGUF magic bytes");
            }
            long version = r.u32();
            if (version != 2 && version != 3) {
                throw new NotGgufException("GGUF version " + version + " is not supported (2 and 3 are)");
            }
            long tensorCount = r.u64();
            long kvCount = r.u64();
            if (tensorCount < 1 || tensorCount > MAX_TENSORS) {
                throw new NotGgufException("tensor count " + Long.toUnsignedString(tensorCount)
                        + " is outside 1.." + MAX_TENSORS);
            }
            if (kvCount < 0 || kvCount > MAX_KEYS) {
                throw new NotGgufException("metadata count " + Long.toUnsignedString(kvCount) + " is too large");
            }
            Set<String> keys = new HashSet<>();
            for (long i = 0; i < kvCount; i++) {
                String key = r.string(MAX_KEY_BYTES, "metadata key");
                if (!keys.add(key)) {
                    throw new NotGgufException("metadata key '" + key + "' appears twice");
                }
                metadata(key, r.u32());
            }
            if (architecture == null) {
                throw new NotGgufException("the header has no general.architecture string");
            }
            List<WeightInfo.Tensor> tensors = new ArrayList<>((int) tensorCount);
            List<TensorSpan> spans = new ArrayList<>((int) tensorCount);
            Set<String> names = new HashSet<>();
            for (long i = 0; i < tensorCount; i++) {
                tensor(tensors, spans, names);
            }
            long dataStart = align(r.position, alignment);
            checkSpans(spans, dataStart);
            return new WeightInfo("GGUF", (int) version, architecture, tensors);
        }

        private void metadata(String key, long type) throws IOException, NotGgufException {
            if (key.equals("general.architecture")) {
                if (type != 8) {
                    throw new NotGgufException("general.architecture must be a string");
                }
                architecture = r.string(64, "general.architecture");
                if (!architecture.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                    throw new NotGgufException("general.architecture '" + architecture + "' is not a plain name");
                }
            } else if (key.equals("general.alignment")) {
                if (type != 4) {
                    throw new NotGgufException("general.alignment must be a uint32");
                }
                alignment = r.u32();
                if (alignment == 0 || alignment % 8 != 0 || Long.bitCount(alignment) != 1) {
                    throw new NotGgufException("general.alignment " + alignment + " is not a power of two >= 8");
                }
            } else {
                skipValue(type, 0, key);
            }
        }

        private void skipValue(long type, int depth, String key) throws IOException, NotGgufException {
            int fixed = fixedSize(type);
            if (fixed > 0) {
                r.skip(fixed);
            } else if (type == 8) {
                r.skip(r.length(MAX_STRING_BYTES, "string value of " + key));
            } else if (type == 9) {
                if (depth >= MAX_ARRAY_DEPTH) {
                    throw new NotGgufException("arrays nest too deeply in " + key);
                }
                long elementType = r.u32();
                long count = r.u64();
                int elementSize = fixedSize(elementType);
                // Every element takes at least one byte (a string at least eight), so the file bounds the count.
                long minimum = elementSize > 0 ? elementSize : 8;
                if (count < 0 || count > r.remaining() / minimum) {
                    throw new NotGgufException("array " + key + " declares more elements than the file holds");
                }
                if (elementSize > 0) {
                    r.skip(count * elementSize);
                } else {
                    for (long i = 0; i < count; i++) {
                        skipValue(elementType, depth + 1, key);
                    }
                }
            } else {
                throw new NotGgufException("metadata " + key + " has unknown value type " + type);
            }
        }

        private static int fixedSize(long type) {
            return switch ((int) Math.min(type, 100)) {
                case 0, 1, 7 -> 1;
                case 2, 3 -> 2;
                case 4, 5, 6 -> 4;
                case 10, 11, 12 -> 8;
                default -> 0;
            };
        }

        private void tensor(List<WeightInfo.Tensor> tensors, List<TensorSpan> spans, Set<String> names)
                throws IOException, NotGgufException {
            String name = r.string(MAX_NAME_BYTES, "tensor name");
            if (!names.add(name)) {
                throw new NotGgufException("tensor '" + name + "' appears twice");
            }
            long dims = r.u32();
            if (dims < 1 || dims > MAX_DIMS) {
                throw new NotGgufException("tensor '" + name + "' has " + dims + " dimensions (1.." + MAX_DIMS + ")");
            }
            List<Long> shape = new ArrayList<>((int) dims);
            long elements = 1;
            for (int d = 0; d < dims; d++) {
                long extent = r.u64();
                if (extent < 1) {
                    throw new NotGgufException("tensor '" + name + "' has an empty or negative dimension");
                }
                try {
                    elements = Math.multiplyExact(elements, extent);
                } catch (ArithmeticException e) {
                    throw new NotGgufException("tensor '" + name + "' has more elements than a file can hold");
                }
                shape.add(extent);
            }
            long typeId = r.u32();
            Type type = typeId < TYPES.length ? TYPES[(int) typeId] : null;
            if (type == null) {
                throw new NotGgufException("tensor '" + name + "' has unknown ggml type " + typeId);
            }
            if (shape.get(0) % type.blockSize() != 0) {
                throw new NotGgufException("tensor '" + name + "' row length " + shape.get(0)
                        + " is not a multiple of the " + type.name() + " block size " + type.blockSize());
            }
            long offset = r.u64();
            if (offset < 0 || offset % alignment != 0) {
                throw new NotGgufException("tensor '" + name + "' offset is not aligned to " + alignment);
            }
            long bytes;
            try {
                bytes = Math.multiplyExact(elements / type.blockSize(), (long) type.typeSize());
            } catch (ArithmeticException e) {
                throw new NotGgufException("tensor '" + name + "' is larger than a file can hold");
            }
            tensors.add(new WeightInfo.Tensor(name, type.name(), shape));
            spans.add(new TensorSpan(name, offset, bytes));
        }

        private void checkSpans(List<TensorSpan> spans, long dataStart) throws NotGgufException {
            if (dataStart > r.size) {
                throw new NotGgufException("the file ends before its tensor data starts");
            }
            long dataSize = r.size - dataStart;
            List<TensorSpan> sorted = new ArrayList<>(spans);
            sorted.sort(Comparator.comparingLong(TensorSpan::offset));
            long end = 0;
            for (TensorSpan span : sorted) {
                if (span.offset() < end) {
                    throw new NotGgufException("tensor '" + span.name() + "' overlaps the tensor before it");
                }
                if (span.bytes() > dataSize - span.offset()) {
                    throw new NotGgufException("tensor '" + span.name() + "' reaches past the end of the file");
                }
                end = span.offset() + span.bytes();
            }
        }

        private static long align(long position, long alignment) {
            long rest = position % alignment;
            return rest == 0 ? position : position + (alignment - rest);
        }
    }

    /** Little-endian reads that never pass the declared file size. */
    private static final class Reader {
        private final InputStream in;
        private final long size;
        private final byte[] scratch = new byte[8];
        private long position;

        Reader(InputStream in, long size) {
            this.in = new BufferedInputStream(in, 64 * 1024);
            this.size = size;
        }

        long remaining() {
            return size - position;
        }

        long u32() throws IOException, NotGgufException {
            read(4);
            return ByteBuffer.wrap(scratch, 0, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        }

        long u64() throws IOException, NotGgufException {
            read(8);
            long value = ByteBuffer.wrap(scratch, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            if (value < 0) {
                throw new NotGgufException("a 64-bit count or size is larger than 2^63");
            }
            return value;
        }

        long length(long max, String what) throws IOException, NotGgufException {
            long length = u64();
            if (length > max || length > remaining()) {
                throw new NotGgufException(what + " is longer than " + Math.min(max, remaining()) + " bytes");
            }
            return length;
        }

        String string(int max, String what) throws IOException, NotGgufException {
            int length = (int) length(max, what);
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length) {
                throw new NotGgufException("the file ends inside the header");
            }
            position += length;
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new NotGgufException(what + " is not valid UTF-8");
            }
        }

        void skip(long n) throws IOException, NotGgufException {
            if (n > remaining()) {
                throw new NotGgufException("the file ends inside the header");
            }
            long left = n;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() == -1) {
                        throw new NotGgufException("the file ends inside the header");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
            position += n;
        }

        private void read(int n) throws IOException, NotGgufException {
            if (n > remaining()) {
                throw new NotGgufException("the file ends inside the header");
            }
            int got = in.readNBytes(scratch, 0, n);
            if (got != n) {
                throw new EOFException("the file is shorter than its declared size");
            }
            position += n;
        }
    }
}
