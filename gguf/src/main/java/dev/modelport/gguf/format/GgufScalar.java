package dev.modelport.gguf.format;

/**
 * A fixed-size metadata value. {@code bits} holds integers sign- or zero-extended to 64 bits
 * (UINT64 keeps its raw bits), floats as their IEEE bit patterns and BOOL as 0 or 1, so the value
 * round-trips to the file bit for bit.
 */
public record GgufScalar(GgufValueType type, long bits) implements GgufValue {

    public GgufScalar {
        if (!type.isFixedSize()) {
            throw new IllegalArgumentException(type + " is not a scalar type");
        }
    }

    public static GgufScalar uint8(int v) {
        return new GgufScalar(GgufValueType.UINT8, v & 0xFFL);
    }

    public static GgufScalar int8(int v) {
        return new GgufScalar(GgufValueType.INT8, (byte) v);
    }

    public static GgufScalar uint16(int v) {
        return new GgufScalar(GgufValueType.UINT16, v & 0xFFFFL);
    }

    public static GgufScalar int16(int v) {
        return new GgufScalar(GgufValueType.INT16, (short) v);
    }

    public static GgufScalar uint32(long v) {
        return new GgufScalar(GgufValueType.UINT32, v & 0xFFFF_FFFFL);
    }

    public static GgufScalar int32(int v) {
        return new GgufScalar(GgufValueType.INT32, v);
    }

    public static GgufScalar uint64(long v) {
        return new GgufScalar(GgufValueType.UINT64, v);
    }

    public static GgufScalar int64(long v) {
        return new GgufScalar(GgufValueType.INT64, v);
    }

    public static GgufScalar float32(float v) {
        return new GgufScalar(GgufValueType.FLOAT32, Float.floatToRawIntBits(v) & 0xFFFF_FFFFL);
    }

    public static GgufScalar float64(double v) {
        return new GgufScalar(GgufValueType.FLOAT64, Double.doubleToRawLongBits(v));
    }

    public static GgufScalar bool(boolean v) {
        return new GgufScalar(GgufValueType.BOOL, v ? 1 : 0);
    }

    /** Decodes {@code type.fixedSize()} little-endian bytes as read from a file. */
    static GgufScalar fromRaw(GgufValueType type, long raw) throws GgufFormatException {
        switch (type) {
            case INT8:
                return int8((int) raw);
            case INT16:
                return int16((int) raw);
            case INT32:
                return int32((int) raw);
            case BOOL:
                // The spec says a bool is 0 or 1; anything else is a corrupt or hostile file.
                if (raw > 1) {
                    throw new GgufFormatException(GgufError.WRONG_VALUE_TYPE, "bool value " + raw + " is not 0 or 1");
                }
                return bool(raw == 1);
            default:
                return new GgufScalar(type, raw);
        }
    }

    public boolean isInteger() {
        return type.isInteger();
    }

    /** The integer value; for UINT64 the raw bits (use {@link Long#toUnsignedString}). */
    public long asLong() {
        if (!type.isInteger()) {
            throw new IllegalStateException(type + " is not an integer");
        }
        return bits;
    }

    public double asDouble() {
        switch (type) {
            case FLOAT32:
                return Float.intBitsToFloat((int) bits);
            case FLOAT64:
                return Double.longBitsToDouble(bits);
            case BOOL:
                throw new IllegalStateException("BOOL is not a number");
            case UINT64:
                return bits >= 0 ? bits : (double) (bits >>> 1) * 2.0;
            default:
                return bits;
        }
    }

    public boolean asBoolean() {
        if (type != GgufValueType.BOOL) {
            throw new IllegalStateException(type + " is not BOOL");
        }
        return bits != 0;
    }

    @Override
    public String toString() {
        switch (type) {
            case FLOAT32:
            case FLOAT64:
                return Double.toString(asDouble());
            case BOOL:
                return Boolean.toString(asBoolean());
            case UINT64:
                return Long.toUnsignedString(bits);
            default:
                return Long.toString(bits);
        }
    }
}
