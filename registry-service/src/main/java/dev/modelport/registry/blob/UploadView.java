package dev.modelport.registry.blob;

import java.time.Instant;
import java.util.UUID;

/** A resumable upload: how many of its bytes the server holds durably, and the blob once complete. */
public record UploadView(UUID id, String digest, long size, long committed, UploadStatus status, String failure,
                         Instant createdAt, BlobView.BlobSummary blob) {
}
