package dev.modelport.gguf.quant;

/** Accumulates processed bytes and reports them; used only on the converting thread. */
final class Progress {
    private final long total;
    private final ProgressListener listener;
    private long done;

    Progress(long total, ProgressListener listener) {
        this.total = total;
        this.listener = listener;
    }

    void add(long bytes) {
        done += bytes;
        listener.onProgress(done, total);
    }
}
