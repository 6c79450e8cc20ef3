package dev.modelport.gguf.format;

/**
 * Stable error codes carried by {@link GgufFormatException}. Callers (the registry's problem+json
 * mapper, the OTA client's failure report) switch on these, never on message text.
 */
public enum GgufError {
    BAD_MAGIC,
    UNSUPPORTED_VERSION,
    TRUNCATED,
    UNKNOWN_VALUE_TYPE,
    UNKNOWN_TENSOR_TYPE,
    LIMIT_EXCEEDED,
    INVALID_STRING,
    DUPLICATE_KEY,
    DUPLICATE_TENSOR,
    INVALID_SHAPE,
    INVALID_ALIGNMENT,
    MISALIGNED_TENSOR,
    OUT_OF_BOUNDS,
    OVERLAPPING_TENSORS,
    WRONG_VALUE_TYPE,
    MISSING_KEY,
    TENSOR_SIZE_MISMATCH,
    UNSUPPORTED_TENSOR_TYPE
}
