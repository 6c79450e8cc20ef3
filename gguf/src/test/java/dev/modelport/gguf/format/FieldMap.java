package dev.modelport.gguf.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Positions of every numeric field in a valid GGUF header (counts, lengths, type codes, dims,
 * offsets), so a mutation test can hit exactly the fields an attacker would forge.
 */
final class FieldMap {
    /** A field at {@code offset} of {@code width} bytes (4 or 8). */
    record Field(int offset, int width) {
    }

    private final ByteBuffer buf;
    private final List<Field> fields = new ArrayList<>();

    private FieldMap(byte[] gguf) {
        this.buf = ByteBuffer.wrap(gguf).order(ByteOrder.LITTLE_ENDIAN);
    }

    static List<Field> of(byte[] validGguf) {
        FieldMap m = new FieldMap(validGguf);
        m.walk();
        return m.fields;
    }

    private void walk() {
        buf.position(4);
        field(4); // version
        long tensors = field(8);
        long kvs = field(8);
        for (long i = 0; i < kvs; i++) {
            string();
            value((int) field(4));
        }
        for (long i = 0; i < tensors; i++) {
            string();
            long dims = field(4);
            for (long d = 0; d < dims; d++) {
                field(8);
            }
            field(4); // type
            field(8); // offset
        }
    }

    private void value(int type) {
        if (type == GgufValueType.STRING.code()) {
            string();
        } else if (type == GgufValueType.ARRAY.code()) {
            int elementType = (int) field(4);
            long n = field(8);
            for (long i = 0; i < n; i++) {
                value(elementType);
            }
        } else {
            buf.position(buf.position() + fixedSize(type));
        }
    }

    private static int fixedSize(int type) {
        for (GgufValueType t : GgufValueType.values()) {
            if (t.code() == type) {
                return t.fixedSize();
            }
        }
        throw new IllegalArgumentException("seed is not valid GGUF: value type " + type);
    }

    private void string() {
        long n = field(8);
        buf.position(buf.position() + (int) n);
    }

    private long field(int width) {
        fields.add(new Field(buf.position(), width));
        return width == 4 ? buf.getInt() & 0xFFFF_FFFFL : buf.getLong();
    }
}
