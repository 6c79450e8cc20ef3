package dev.modelport.gguf.format;

/**
 * One metadata value: a fixed-size scalar, a UTF-8 string, or a typed array (arrays may nest).
 * All implementations are immutable.
 */
public sealed interface GgufValue permits GgufScalar, GgufString, GgufArray {
    GgufValueType type();
}
