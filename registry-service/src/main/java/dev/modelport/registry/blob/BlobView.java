package dev.modelport.registry.blob;

import java.time.Instant;
import java.util.List;

/** A verified weight blob: its content address and what its GGUF header declares. */
public record BlobView(String digest, long size, String format, int formatVersion, String architecture,
                       long tensorCount, List<WeightInfo.Tensor> tensors, Instant createdAt) {

    /** The same blob without its tensor list, for places that list many blobs. */
    public BlobSummary summary() {
        return new BlobSummary(digest, size, format, architecture, tensorCount);
    }

    public record BlobSummary(String digest, long size, String format, String architecture, long tensorCount) {
    }
}
