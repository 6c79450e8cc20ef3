package dev.modelport.gguf.quant;

/**
 * Progress of a long conversion, in bytes of input tensor data processed. Called on the thread
 * that runs the conversion, with non-decreasing {@code done}. Implementations must be fast and
 * must not throw.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> { };

    void onProgress(long done, long total);
}
