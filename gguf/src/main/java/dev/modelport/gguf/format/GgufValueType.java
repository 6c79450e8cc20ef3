package dev.modelport.gguf.format;

/** Metadata value types, numbered as in the GGUF spec ({@code enum gguf_metadata_value_type}). */
public enum GgufValueType {
    UINT8(0, 1),
    INT8(1, 1),
    UINT16(2, 2),
    INT16(3, 2),
    UINT32(4, 4),
    INT32(5, 4),
    FLOAT32(6, 4),
    BOOL(7, 1),
    STRING(8, -1),
    ARRAY(9, -1),
    UINT64(10, 8),
    INT64(11, 8),
    FLOAT64(12, 8);

    private static final GgufValueType[] BY_CODE = values();

    private final int code;
    private final int size;

    GgufValueType(int code, int size) {
        this.code = code;
        this.size = size;
    }

    public int code() {
        return code;
    }

    /** Encoded size in bytes of one value, or -1 for the variable-length STRING and ARRAY. */
    public int fixedSize() {
        return size;
    }

    public boolean isFixedSize() {
        return size > 0;
    }

    public boolean isInteger() {
        return isFixedSize() && this != FLOAT32 && this != FLOAT64 && this != BOOL;
    }

    /**
     * The fewest bytes one encoded value can take. The parser uses it to reject counts that the
     * rest of the file could not possibly hold, before allocating anything.
     */
    int minEncodedSize() {
        switch (this) {
            case STRING:
                return 8; // uint64 length, empty payload
            case ARRAY:
                return 12; // uint32 element type + uint64 length
            default:
                return size;
        }
    }

    public static GgufValueType fromCode(long code) throws GgufFormatException {
        if (code < 0 || code >= BY_CODE.length) {
            throw new GgufFormatException(GgufError.UNKNOWN_VALUE_TYPE, "unknown metadata value type " + code);
        }
        return BY_CODE[(int) code];
    }
}
