package dev.modelport.registry.blob;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "modelport.blobs")
public interface BlobConfig {

    /**
     * Root directory of the filesystem blob store (blobs and staged uploads). With the S3 backend it holds only
     * scratch files that live for one request and local working copies; uploads are staged in the bucket.
     */
    Path dir();

    /** The largest file an upload session may declare. */
    @WithDefault("68719476736")
    long maxSize();

    /** Where blobs live: {@code filesystem} (default) or {@code s3}. */
    @WithDefault("filesystem")
    Backend backend();

    S3 s3();

    enum Backend {
        FILESYSTEM,
        S3
    }

    /** An S3-compatible object store (AWS S3, MinIO, Ceph RGW, s3proxy). */
    interface S3 {

        /** Endpoint override, e.g. {@code http://127.0.0.1:9000}; AWS's regional endpoint when absent. */
        Optional<URI> endpoint();

        /** The bucket; required when the backend is {@code s3}. */
        Optional<String> bucket();

        @WithDefault("us-east-1")
        String region();

        /** Static credentials; the AWS default chain (environment, profile, instance role) when absent. */
        Optional<String> accessKey();

        Optional<String> secretKey();

        /** {@code http://host/bucket/key} instead of {@code http://bucket.host/key}; most non-AWS stores need it. */
        @WithDefault("false")
        boolean pathStyle();

        /** A key prefix inside the bucket, e.g. {@code modelport/}; blobs go to {@code <prefix>sha256/<hex>}. */
        Optional<String> prefix();

        /** How long a presigned download URL stays valid. Short: a device follows it at once. */
        @WithDefault("5M")
        Duration presignTtl();

        /**
         * Part size of multipart uploads (at least 5 MiB); also the largest blob sent in one PUT. Resumable uploads
         * are staged in parts of this size, so chunks of a multiple of it travel once; smaller chunks wait in a tail
         * object of less than one part, which the next chunk sends again.
         */
        @WithDefault("16777216")
        long partSize();
    }
}
