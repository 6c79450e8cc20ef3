package dev.modelport.registry.blob;

import dev.modelport.registry.common.crypto.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Blobs as objects {@code <prefix>sha256/<hex>} in an S3-compatible bucket. Resumable uploads are staged in the bucket
 * ({@link S3Staging}: a multipart upload with its state in PostgreSQL), so any instance continues any upload; the
 * verified staged object is then copied to its content address. {@link #put} (a stream the caller hands over whole)
 * stages on local disk for the length of the call and streams the verified file to the bucket in one PUT or, above the
 * part size, as a multipart upload, one part at a time. An object appears under its digest only with all its bytes.
 *
 * <p>Downloads are presigned GETs with a short expiry: the bytes go from the object store (or a CDN in front of it) to
 * the device, never through this service. Before presigning, the object's size is checked against the registered size
 * (once per object and instance: objects are immutable); the object store's own checksums protect the bytes at rest.
 *
 * <p>Checksums are sent only when an operation requires them, so that stores without the 2025 flexible-checksum
 * protocol (older MinIO, Ceph, s3proxy) accept the uploads.
 */
public final class S3BlobStore implements BlobStore {

    private static final Logger LOG = Logger.getLogger(S3BlobStore.class);
    private static final long MIN_PART = 5L * 1024 * 1024;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;
    private final Duration presignTtl;
    private final long partSize;
    private final FilesystemBlobStore local;
    private final S3StagingLedger stagingLedger;
    /** Verified local copies for tools that need random access; the bucket stays the only home of the blob. */
    private final FilesystemBlobStore workingCopies;
    private final Map<Sha256Digest, Long> checkedSizes = new ConcurrentHashMap<>();

    S3BlobStore(S3Client s3, S3Presigner presigner, String bucket, String prefix, Duration presignTtl, long partSize,
                FilesystemBlobStore local, S3StagingLedger stagingLedger) {
        if (partSize < MIN_PART) {
            throw new IllegalArgumentException("modelport.blobs.s3.part-size must be at least 5 MiB (S3's minimum)");
        }
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.prefix = prefix;
        this.presignTtl = presignTtl;
        this.partSize = partSize;
        this.local = local;
        this.stagingLedger = stagingLedger;
        this.workingCopies = new FilesystemBlobStore(local.root().resolve("working-copies"));
    }

    static S3BlobStore create(BlobConfig.S3 config, FilesystemBlobStore local, S3StagingLedger stagingLedger) {
        String bucket = config.bucket().orElseThrow(() -> new IllegalStateException(
                "modelport.blobs.backend=s3 needs modelport.blobs.s3.bucket"));
        AwsCredentialsProvider credentials = config.accessKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey().get(),
                        config.secretKey().orElseThrow(() -> new IllegalStateException(
                                "modelport.blobs.s3.access-key needs modelport.blobs.s3.secret-key"))))
                : DefaultCredentialsProvider.builder().build();
        Region region = Region.of(config.region());
        var client = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(region).credentialsProvider(credentials).forcePathStyle(config.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        var presigner = S3Presigner.builder().region(region).credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build());
        config.endpoint().ifPresent(endpoint -> {
            client.endpointOverride(endpoint);
            presigner.endpointOverride(endpoint);
        });
        return new S3BlobStore(client.build(), presigner.build(), bucket, config.prefix().orElse(""),
                config.presignTtl(), config.partSize(), local, stagingLedger);
    }

    String keyOf(Sha256Digest digest) {
        return prefix + "sha256/" + digest.hex();
    }

    @Override
    public void put(Sha256Digest expected, long length, InputStream in) throws IOException {
        UUID id = UUID.randomUUID();
        Staging staging = new ShippedOnCommit(local.staging(id), local.stagingFile(id));
        try {
            long received = staging.append(0, in, length);
            if (received != length) {
                throw new IntegrityException("expected " + length + " bytes, got " + received);
            }
            MessageDigest sha = Sha256.newDigest();
            try (InputStream staged = new DigestInputStream(staging.open(), sha)) {
                staged.transferTo(java.io.OutputStream.nullOutputStream());
            }
            Sha256Digest actual = Sha256Digest.of(sha.digest());
            if (!actual.equals(expected)) {
                throw new IntegrityException("expected " + expected + ", the bytes hash to " + actual);
            }
            staging.commit(expected);
        } catch (TooLongException e) {
            throw new IntegrityException("more than the declared " + length + " bytes");
        } finally {
            staging.discard();
        }
    }

    @Override
    public boolean exists(Sha256Digest digest) {
        try {
            size(digest);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long size(Sha256Digest digest) throws IOException {
        try {
            return s3.headObject(b -> b.bucket(bucket).key(keyOf(digest))).contentLength();
        } catch (S3Exception e) {
            throw translate(digest, e);
        }
    }

    @Override
    public InputStream open(Sha256Digest digest, long offset) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(keyOf(digest)).range("bytes=" + offset + "-"));
        } catch (S3Exception e) {
            throw translate(digest, e);
        }
    }

    @Override
    public InputStream open(Sha256Digest digest, long offset, long length) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(keyOf(digest))
                    .range("bytes=" + offset + "-" + (offset + length - 1)));
        } catch (S3Exception e) {
            throw translate(digest, e);
        }
    }

    @Override
    public Source source(Sha256Digest digest, long size) throws IOException {
        Long stored = checkedSizes.get(digest);
        if (stored == null) {
            stored = size(digest);
            checkedSizes.put(digest, stored);
        }
        if (stored != size) {
            checkedSizes.remove(digest);
            LOG.errorf("object %s is %d bytes long, blob %s has %d; not served", keyOf(digest), stored, digest, size);
            throw new CorruptBlobException("the stored copy of blob " + digest + " has the wrong size");
        }
        try {
            return new Source.Presigned(presigner.presignGetObject(p -> p.signatureDuration(presignTtl)
                    .getObjectRequest(g -> g.bucket(bucket).key(keyOf(digest)))).url().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("the presigned URL is not a URI", e);
        }
    }

    /**
     * Tools that need random access (quantizer, fingerprinter) work on a local working copy, fetched once and checked
     * against the digest as it is written. It is a cache beside the store, not a second home of the blob.
     */
    @Override
    public Path file(Sha256Digest digest) throws IOException {
        if (!workingCopies.exists(digest)) {
            try (InputStream in = open(digest, 0)) {
                workingCopies.put(digest, size(digest), in);
            }
        }
        return workingCopies.file(digest);
    }

    /** A resumable upload, staged in the bucket so that any instance can continue it. */
    @Override
    public Staging staging(UUID uploadId) {
        return new S3Staging(s3, bucket, this::keyOf, prefix, partSize, local.root().resolve("scratch"),
                stagingLedger, uploadId);
    }

    /** Local staging for the length of one {@link #put} call; commit ships the staged file to the bucket. */
    private final class ShippedOnCommit implements Staging {
        private final Staging staged;
        private final Path file;

        ShippedOnCommit(Staging staged, Path file) {
            this.staged = staged;
            this.file = file;
        }

        @Override
        public long length() throws IOException {
            return staged.length();
        }

        @Override
        public long append(long offset, InputStream in, long limit) throws IOException {
            return staged.append(offset, in, limit);
        }

        @Override
        public InputStream open() throws IOException {
            return staged.open();
        }

        @Override
        public void commit(Sha256Digest digest) throws IOException {
            if (!exists(digest)) { // content-addressed: the same bytes are there already
                upload(file, Files.size(file), keyOf(digest));
            }
            staged.discard();
        }

        @Override
        public void discard() throws IOException {
            staged.discard();
        }
    }

    private void upload(Path file, long size, String key) throws IOException {
        try {
            if (size <= partSize) {
                s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/octet-stream"),
                        RequestBody.fromFile(file));
                return;
            }
            multipartUpload(file, size, key);
        } catch (S3Exception e) {
            throw new IOException("upload of " + key + " to bucket " + bucket + " failed: " + e.getMessage(), e);
        }
    }

    /** Parts of {@link #partSize} bytes read straight from the file: memory stays flat whatever the blob size. */
    private void multipartUpload(Path file, long size, String key) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)
                .contentType("application/octet-stream")).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long offset = 0, number = 1; offset < size; offset += partSize, number++) {
                long from = offset;
                long length = Math.min(partSize, size - offset);
                int partNumber = (int) number;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                                .contentLength(length),
                        RequestBody.fromContentProvider(() -> FileSlice.open(file, from, length), length,
                                "application/octet-stream")).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            throw e;
        }
    }

    private static IOException translate(Sha256Digest digest, S3Exception e) {
        if (e.statusCode() == 404) {
            return new NoSuchFileException("blob " + digest + " is not in the bucket");
        }
        return new IOException("object store error for blob " + digest + ": " + e.getMessage(), e);
    }
}
