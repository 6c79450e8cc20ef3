package dev.modelport.gguf.memory;

import dev.modelport.gguf.format.GgufArray;
import dev.modelport.gguf.format.GgufError;
import dev.modelport.gguf.format.GgufFormatException;
import dev.modelport.gguf.format.GgufHeader;
import dev.modelport.gguf.format.GgufMetadata;
import java.util.Optional;

/**
 * Estimates device memory from GGUF metadata, with the llama.cpp KV cache size for f16 caches:
 * {@code 2 (K and V) * n_layer * n_ctx * n_embd_k_gqa * 2 bytes}, where
 * {@code n_embd_k_gqa = head_dim * n_head_kv} and head_dim is {@code {arch}.attention.key_length}
 * or {@code n_embd / n_head}. Keys are those of the GGUF spec's LLM section, prefixed with
 * {@code general.architecture}.
 */
public final class MemoryEstimator {
    private static final int F16_BYTES = 2;

    private MemoryEstimator() {
    }

    /** At the model's trained context length ({@code {arch}.context_length}). */
    public static MemoryEstimate estimate(GgufHeader header) throws GgufFormatException {
        Keys k = new Keys(header.metadata());
        long contextLength = k.require("context_length");
        if (contextLength < 1) {
            throw new GgufFormatException(GgufError.WRONG_VALUE_TYPE, k.key("context_length") + " must be positive");
        }
        return estimate(header, contextLength);
    }

    public static MemoryEstimate estimate(GgufHeader header, long contextLength) throws GgufFormatException {
        if (contextLength < 1) {
            throw new IllegalArgumentException("context length must be positive: " + contextLength);
        }
        Keys k = new Keys(header.metadata());
        long nLayer = k.require("block_count");
        long nEmbd = k.require("embedding_length");
        long nHead = k.require("attention.head_count");
        if (nHead < 1) {
            throw new GgufFormatException(GgufError.WRONG_VALUE_TYPE, k.key("attention.head_count") + " must be positive");
        }
        long keyLength = k.find("attention.key_length").orElse(nEmbd / nHead);
        long valueLength = k.find("attention.value_length").orElse(keyLength);
        try {
            long kvHeadsAllLayers = k.kvHeadsSummedOverLayers(nLayer, nHead);
            long perToken = Math.multiplyExact(kvHeadsAllLayers, keyLength + valueLength);
            long kv = Math.multiplyExact(Math.multiplyExact(perToken, contextLength), F16_BYTES);
            return new MemoryEstimate(header.tensorBytes(), kv, contextLength);
        } catch (ArithmeticException e) {
            throw new GgufFormatException(GgufError.LIMIT_EXCEEDED, "KV cache size overflows");
        }
    }

    /** Reads {@code {arch}.*} keys. */
    private static final class Keys {
        private final GgufMetadata m;
        private final String arch;

        Keys(GgufMetadata m) {
            this.m = m;
            this.arch = m.findString(GgufMetadata.ARCHITECTURE).orElse("llama");
        }

        String key(String suffix) {
            return arch + "." + suffix;
        }

        Optional<Long> find(String suffix) {
            var v = m.findLong(key(suffix));
            return v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
        }

        long require(String suffix) throws GgufFormatException {
            Optional<Long> v = find(suffix);
            if (v.isEmpty() || v.get() < 0) {
                throw new GgufFormatException(GgufError.MISSING_KEY, "metadata key " + key(suffix) + " is missing or not an integer");
            }
            return v.get();
        }

        /**
         * head_count_kv is one integer for most models, a per-layer array for some (and absent
         * means no grouped-query attention).
         */
        long kvHeadsSummedOverLayers(long nLayer, long nHead) throws GgufFormatException {
            Optional<GgufArray> perLayer = m.findArray(key("attention.head_count_kv"));
            if (perLayer.isPresent()) {
                GgufArray a = perLayer.get();
                if (a.length() != nLayer || !a.elementType().isInteger()) {
                    throw new GgufFormatException(GgufError.WRONG_VALUE_TYPE,
                            key("attention.head_count_kv") + " must be an integer or one integer per layer");
                }
                long sum = 0;
                for (int i = 0; i < a.length(); i++) {
                    sum = Math.addExact(sum, a.getLong(i));
                }
                return sum;
            }
            return Math.multiplyExact(nLayer, find("attention.head_count_kv").orElse(nHead));
        }
    }
}
