package dev.modelport.gguf.memory;

/**
 * RAM a model needs on a device: its weights plus an f16 KV cache at {@code contextLength}.
 * Compute buffers and runtime overhead come on top and depend on the runtime.
 */
public record MemoryEstimate(long weightBytes, long kvCacheBytes, long contextLength) {
    public long totalBytes() {
        return weightBytes + kvCacheBytes;
    }
}
