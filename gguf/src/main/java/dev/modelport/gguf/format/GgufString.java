package dev.modelport.gguf.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A GGUF string. The spec says UTF-8, but real vocabularies sometimes carry byte sequences that
 * are not; we keep the exact bytes so that copying metadata from one file to another never
 * changes it, and decode only when asked.
 */
public final class GgufString implements GgufValue {
    private final byte[] utf8;

    private GgufString(byte[] utf8) {
        this.utf8 = utf8;
    }

    public static GgufString of(String s) {
        return new GgufString(s.getBytes(StandardCharsets.UTF_8));
    }

    public static GgufString ofBytes(byte[] bytes) {
        return new GgufString(bytes.clone());
    }

    /** Takes ownership of the array; only for the parser, which never shares it. */
    static GgufString wrap(byte[] bytes) {
        return new GgufString(bytes);
    }

    @Override
    public GgufValueType type() {
        return GgufValueType.STRING;
    }

    public byte[] bytes() {
        return utf8.clone();
    }

    public int byteLength() {
        return utf8.length;
    }

    byte[] rawBytes() {
        return utf8;
    }

    public String value() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufString && Arrays.equals(utf8, ((GgufString) o).utf8);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(utf8);
    }

    @Override
    public String toString() {
        return value();
    }
}
