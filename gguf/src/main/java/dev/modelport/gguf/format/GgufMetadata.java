package dev.modelport.gguf.format;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The metadata key/value pairs of a GGUF file, in file order. Immutable; derive changed copies
 * with {@link #toBuilder()}.
 */
public final class GgufMetadata {
    /** {@code general.alignment}: uint32, a power of two, default 32 (GGUF spec, "Required"). */
    public static final String ALIGNMENT = "general.alignment";
    public static final int DEFAULT_ALIGNMENT = 32;
    public static final String ARCHITECTURE = "general.architecture";
    public static final String FILE_TYPE = "general.file_type";
    public static final String QUANTIZATION_VERSION = "general.quantization_version";

    private static final GgufMetadata EMPTY = new GgufMetadata(new LinkedHashMap<>());

    private final Map<String, GgufValue> entries;

    private GgufMetadata(LinkedHashMap<String, GgufValue> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    public static GgufMetadata empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder(new LinkedHashMap<>());
    }

    public Builder toBuilder() {
        return new Builder(new LinkedHashMap<>(entries));
    }

    /** All entries in file order. */
    public Map<String, GgufValue> asMap() {
        return entries;
    }

    public Set<String> keys() {
        return entries.keySet();
    }

    public int size() {
        return entries.size();
    }

    public Optional<GgufValue> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The value if it is an integer of any width. */
    public OptionalLong findLong(String key) {
        GgufValue v = entries.get(key);
        return v instanceof GgufScalar && ((GgufScalar) v).isInteger()
                ? OptionalLong.of(((GgufScalar) v).asLong()) : OptionalLong.empty();
    }

    /** The value if it is a number (integer or float). */
    public OptionalDouble findDouble(String key) {
        GgufValue v = entries.get(key);
        return v instanceof GgufScalar && v.type() != GgufValueType.BOOL
                ? OptionalDouble.of(((GgufScalar) v).asDouble()) : OptionalDouble.empty();
    }

    public Optional<String> findString(String key) {
        GgufValue v = entries.get(key);
        return v instanceof GgufString ? Optional.of(((GgufString) v).value()) : Optional.empty();
    }

    public Optional<GgufArray> findArray(String key) {
        GgufValue v = entries.get(key);
        return v instanceof GgufArray ? Optional.of((GgufArray) v) : Optional.empty();
    }

    /**
     * The file's alignment. The parser has already checked that it is a power-of-two UINT32, so
     * this only falls back to the default when the key is absent.
     */
    public int alignment() {
        return (int) findLong(ALIGNMENT).orElse(DEFAULT_ALIGNMENT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufMetadata && entries.equals(((GgufMetadata) o).entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    /** Mutable staging area for a metadata map; keeps insertion order. */
    public static final class Builder {
        private final LinkedHashMap<String, GgufValue> entries;

        private Builder(LinkedHashMap<String, GgufValue> entries) {
            this.entries = entries;
        }

        /** Sets a value, keeping the key's current position if it already exists. */
        public Builder put(String key, GgufValue value) {
            if (key.isEmpty()) {
                throw new IllegalArgumentException("metadata key must not be empty");
            }
            entries.put(key, value);
            return this;
        }

        /**
         * Removes the key and appends it at the end, as ggml's {@code gguf_set_val_*} does; writing
         * keys in the same order as llama.cpp keeps our headers byte-comparable with its output.
         */
        public Builder putLast(String key, GgufValue value) {
            entries.remove(key);
            return put(key, value);
        }

        public Builder put(String key, String value) {
            return put(key, GgufString.of(value));
        }

        public Builder remove(String key) {
            entries.remove(key);
            return this;
        }

        public Builder putAll(GgufMetadata other) {
            entries.putAll(other.entries);
            return this;
        }

        public GgufMetadata build() {
            return new GgufMetadata(new LinkedHashMap<>(entries));
        }
    }
}
