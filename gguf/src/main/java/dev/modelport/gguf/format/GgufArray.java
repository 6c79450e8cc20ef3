package dev.modelport.gguf.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A typed metadata array. Fixed-size elements stay in their little-endian file encoding (a 150k
 * entry {@code tokenizer.ggml.scores} costs 600 KB, not 150k boxed objects); strings and nested
 * arrays are held as values.
 */
public final class GgufArray implements GgufValue {
    private final GgufValueType elementType;
    private final int length;
    private final byte[] raw; // fixed-size element types only
    private final List<GgufValue> items; // STRING and ARRAY element types only

    private GgufArray(GgufValueType elementType, int length, byte[] raw, List<GgufValue> items) {
        this.elementType = elementType;
        this.length = length;
        this.raw = raw;
        this.items = items;
    }

    /** Wraps little-endian encoded fixed-size elements; the parser hands over ownership. */
    static GgufArray ofRaw(GgufValueType elementType, byte[] raw) {
        if (!elementType.isFixedSize() || raw.length % elementType.fixedSize() != 0) {
            throw new IllegalArgumentException("raw bytes do not hold whole " + elementType + " elements");
        }
        return new GgufArray(elementType, raw.length / elementType.fixedSize(), raw, null);
    }

    /** An array of strings or of nested arrays; every item must have {@code elementType}. */
    public static GgufArray ofValues(GgufValueType elementType, List<? extends GgufValue> values) {
        if (elementType.isFixedSize()) {
            ByteBuffer buf = ByteBuffer.allocate(values.size() * elementType.fixedSize()).order(ByteOrder.LITTLE_ENDIAN);
            for (GgufValue v : values) {
                requireType(elementType, v);
                putScalar(buf, (GgufScalar) v);
            }
            return ofRaw(elementType, buf.array());
        }
        for (GgufValue v : values) {
            requireType(elementType, v);
        }
        return new GgufArray(elementType, values.size(), null,
                Collections.unmodifiableList(new ArrayList<>(values)));
    }

    public static GgufArray ofStrings(List<String> strings) {
        List<GgufValue> values = new ArrayList<>(strings.size());
        for (String s : strings) {
            values.add(GgufString.of(s));
        }
        return new GgufArray(GgufValueType.STRING, values.size(), null, Collections.unmodifiableList(values));
    }

    public static GgufArray ofInt32(int... values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            buf.putInt(v);
        }
        return ofRaw(GgufValueType.INT32, buf.array());
    }

    public static GgufArray ofFloat32(float... values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        return ofRaw(GgufValueType.FLOAT32, buf.array());
    }

    private static void requireType(GgufValueType elementType, GgufValue v) {
        if (v.type() != elementType) {
            throw new IllegalArgumentException("array of " + elementType + " cannot hold " + v.type());
        }
    }

    private static void putScalar(ByteBuffer buf, GgufScalar s) {
        switch (s.type().fixedSize()) {
            case 1:
                buf.put((byte) s.bits());
                break;
            case 2:
                buf.putShort((short) s.bits());
                break;
            case 4:
                buf.putInt((int) s.bits());
                break;
            default:
                buf.putLong(s.bits());
        }
    }

    @Override
    public GgufValueType type() {
        return GgufValueType.ARRAY;
    }

    public GgufValueType elementType() {
        return elementType;
    }

    public int length() {
        return length;
    }

    /** The element at {@code i}; scalars are decoded on each call. */
    public GgufValue get(int i) {
        Objects.checkIndex(i, length);
        if (items != null) {
            return items.get(i);
        }
        int size = elementType.fixedSize();
        ByteBuffer buf = ByteBuffer.wrap(raw, i * size, size).order(ByteOrder.LITTLE_ENDIAN);
        long bits;
        switch (size) {
            case 1:
                bits = elementType == GgufValueType.INT8 ? buf.get() : buf.get() & 0xFFL;
                break;
            case 2:
                bits = elementType == GgufValueType.INT16 ? buf.getShort() : buf.getShort() & 0xFFFFL;
                break;
            case 4:
                bits = elementType == GgufValueType.INT32 ? buf.getInt() : buf.getInt() & 0xFFFF_FFFFL;
                break;
            default:
                bits = buf.getLong();
        }
        return new GgufScalar(elementType, bits);
    }

    public long getLong(int i) {
        return ((GgufScalar) get(i)).asLong();
    }

    public double getDouble(int i) {
        return ((GgufScalar) get(i)).asDouble();
    }

    public String getString(int i) {
        return ((GgufString) get(i)).value();
    }

    /** Bytes of the fixed-size elements in file encoding, or null for STRING/ARRAY arrays. */
    byte[] rawBytes() {
        return raw;
    }

    List<GgufValue> items() {
        return items;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GgufArray)) {
            return false;
        }
        GgufArray other = (GgufArray) o;
        return elementType == other.elementType && length == other.length
                && Arrays.equals(raw, other.raw) && Objects.equals(items, other.items);
    }

    @Override
    public int hashCode() {
        return Objects.hash(elementType, length, Arrays.hashCode(raw), items);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[").append(elementType).append(" x ").append(length);
        int shown = Math.min(length, 4);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? ": " : ", ").append(get(i));
        }
        return sb.append(length > shown ? ", ...]" : "]").toString();
    }
}
