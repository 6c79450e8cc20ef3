package dev.modelport.registry.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A resumable upload staged in the object store, so that any instance can continue it (docs/decisions/0008): an S3
 * multipart upload on {@code <prefix>staging/<upload id>}, its state (parts, tail) in PostgreSQL
 * ({@link S3StagingLedger}). S3 takes parts of at least 5 MiB except the last, but chunks may have any size: bytes
 * that do not fill a part wait in a small tail object until the next chunk (or the completion) makes them part of
 * one. A chunk streams through a scratch file of at most one part, so memory stays flat, and the scratch file lives
 * only for the request.
 *
 * <p>The bytes are verified as the upload service always did: {@link #open()} completes the multipart upload into the
 * staging object and streams it once for hashing and inspection; {@link #commit} copies the verified object to its
 * content address; {@link #discard} aborts or deletes everything staged.
 */
final class S3Staging implements BlobStore.Staging {

    private static final int BUFFER = 256 * 1024;
    /** CopyObject copies up to 5 GiB; larger objects are copied in parts of this size. */
    private static final long COPY_PART = 1024L * 1024 * 1024;
    private static final long MAX_SINGLE_COPY = 5L * 1024 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final Function<Sha256Digest, String> blobKey;
    private final String key;
    private final long partSize;
    private final Path scratchDir;
    private final S3StagingLedger ledger;
    private final UUID uploadId;

    /** {@code blobKey}: where a blob lives; {@code prefix}: the store's key prefix, the staging goes under it. */
    S3Staging(S3Client s3, String bucket, Function<Sha256Digest, String> blobKey, String prefix, long partSize,
              Path scratchDir, S3StagingLedger ledger, UUID uploadId) {
        this.s3 = s3;
        this.bucket = bucket;
        this.blobKey = blobKey;
        this.key = prefix + "staging/" + uploadId;
        this.partSize = partSize;
        this.scratchDir = scratchDir;
        this.ledger = ledger;
        this.uploadId = uploadId;
    }

    @Override
    public long length() {
        return ledger.find(uploadId).map(S3StagingLedger.State::length).orElse(0L);
    }

    @Override
    public long append(long offset, InputStream in, long limit) throws IOException {
        S3StagingLedger.State state = ledger.find(uploadId).orElseGet(this::begin);
        if (state.assembled()) {
            throw new IOException("upload " + uploadId + " is assembled already; nothing can be appended");
        }
        if (state.length() < offset) {
            throw new IOException("staged upload has " + state.length() + " bytes, fewer than offset " + offset);
        }
        // Bytes beyond the offset belong to a request that overtook this one; this one's record will fail.
        List<S3StagingLedger.Part> parts = keptParts(state, offset);
        long kept = parts.stream().mapToLong(S3StagingLedger.Part::size).sum();
        long tailKept = offset - kept;
        Files.createDirectories(scratchDir);
        Path scratch = Files.createTempFile(scratchDir, uploadId + "-", ".part");
        try (FileChannel out = FileChannel.open(scratch, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            if (tailKept > 0) {
                try (InputStream tail = s3.getObject(b -> b.bucket(bucket).key(state.tailKey())
                        .range("bytes=0-" + (tailKept - 1)))) {
                    copy(tail, out, tailKept);
                }
            }
            long position = offset;
            IOException broken = null;
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            try {
                int n;
                while ((n = in.read(buffer.array(), 0, (int) Math.min(BUFFER, partSize - out.size()))) != -1) {
                    if (position + n > limit) {
                        throw new BlobStore.TooLongException("the upload declared " + limit
                                + " bytes; this chunk goes past it");
                    }
                    buffer.limit(n).position(0);
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    buffer.clear();
                    position += n;
                    if (out.size() == partSize) {
                        parts.add(uploadPart(state, parts.size() + 1, scratch, partSize));
                        out.truncate(0);
                        out.position(0);
                    }
                }
            } catch (BlobStore.TooLongException e) {
                throw e; // nothing of this chunk is recorded: the staged state stays at offset
            } catch (IOException clientGone) {
                broken = clientGone;
            }
            record(state, parts, scratch, out.size(), offset, position);
            if (broken != null) {
                throw new BlobStore.PartialAppendException(position, broken);
            }
            return position;
        } catch (S3Exception e) {
            throw new IOException("staging upload " + uploadId + " in the object store failed: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    /** Completes the multipart upload (the tail becomes its last part), then streams the staged object. */
    @Override
    public InputStream open() throws IOException {
        assemble();
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (S3Exception e) {
            throw new IOException("reading staged upload " + uploadId + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void commit(Sha256Digest digest) throws IOException {
        S3StagingLedger.State state = assemble();
        String target = blobKey.apply(digest);
        try {
            if (!exists(target)) { // content-addressed: the same bytes may be there already
                copy(key, target, state.length());
            }
        } catch (S3Exception e) {
            throw new IOException("publishing upload " + uploadId + " as " + target + " failed: " + e.getMessage(),
                    e);
        }
        discard();
    }

    @Override
    public void discard() throws IOException {
        S3StagingLedger.State state = ledger.find(uploadId).orElse(null);
        if (state == null) {
            return;
        }
        try {
            if (!state.assembled()) {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(state.s3UploadId()));
            }
            s3.deleteObject(b -> b.bucket(bucket).key(key));
            if (state.tailKey() != null) {
                s3.deleteObject(b -> b.bucket(bucket).key(state.tailKey()));
            }
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw new IOException("discarding staged upload " + uploadId + " failed: " + e.getMessage(), e);
            }
        }
        ledger.delete(uploadId);
    }

    // ------------------------------------------------------------------ helpers

    private S3StagingLedger.State begin() {
        String s3UploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)
                .contentType("application/octet-stream")).uploadId();
        S3StagingLedger.State fresh = new S3StagingLedger.State(uploadId, s3UploadId, List.of(), null, 0, false, 0);
        if (ledger.insert(fresh)) {
            return fresh;
        }
        // Another request began it first; use theirs.
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(s3UploadId));
        return ledger.find(uploadId).orElseThrow();
    }

    /**
     * The parts that lie wholly below {@code offset}. Offsets arrive equal to the staged length, except when another
     * request recorded a chunk after this one checked the offset: then its bytes are left out here, and this request's
     * record fails, since staging and offset move together ({@link S3StagingLedger#append}).
     */
    private static List<S3StagingLedger.Part> keptParts(S3StagingLedger.State state, long offset)
            throws IOException {
        List<S3StagingLedger.Part> kept = new ArrayList<>();
        long end = 0;
        for (S3StagingLedger.Part p : state.parts()) {
            if (end + p.size() > offset) {
                break;
            }
            kept.add(p);
            end += p.size();
        }
        if (end < offset && kept.size() < state.parts().size()) {
            throw new BlobStore.ConcurrentAppendException("another request appended to upload " + state.uploadId()
                    + " past offset " + offset + " meanwhile");
        }
        return kept;
    }

    private S3StagingLedger.Part uploadPart(S3StagingLedger.State state, int number, Path file, long length) {
        String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(state.s3UploadId()).partNumber(number)
                .contentLength(length), RequestBody.fromContentProvider(() -> FileSlice.open(file, 0, length), length,
                "application/octet-stream")).eTag();
        return new S3StagingLedger.Part(number, etag, length);
    }

    /**
     * Stores what is left in the scratch file as a new tail object, records parts and tail together with the
     * upload's new offset ({@code from} to {@code to}), then removes the old tail. The tail's key is fresh and this
     * request's own: the state recorded before stays readable until the new one is, and a request on another
     * instance appending at the same offset at the same time never overwrites the tail of the one that wins.
     */
    private void record(S3StagingLedger.State state, List<S3StagingLedger.Part> parts, Path scratch, long tailLength,
                        long from, long to) throws IOException {
        String tailKey = null;
        if (tailLength > 0) {
            tailKey = key + ".tail-" + UUID.randomUUID();
            String k = tailKey;
            s3.putObject(b -> b.bucket(bucket).key(k).contentType("application/octet-stream"),
                    RequestBody.fromContentProvider(() -> FileSlice.open(scratch, 0, tailLength), tailLength,
                            "application/octet-stream"));
        }
        if (!ledger.append(state, parts, tailKey, tailLength, from, to)) {
            if (tailKey != null) {
                String k = tailKey;
                s3.deleteObject(b -> b.bucket(bucket).key(k));
            }
            throw new BlobStore.ConcurrentAppendException("another request appended to upload " + uploadId
                    + " meanwhile");
        }
        if (state.tailKey() != null && !state.tailKey().equals(tailKey)) {
            s3.deleteObject(b -> b.bucket(bucket).key(state.tailKey()));
        }
    }

    /** Completes the multipart upload once; the tail (or an empty upload) becomes the last part. */
    private S3StagingLedger.State assemble() throws IOException {
        S3StagingLedger.State state = ledger.find(uploadId)
                .orElseThrow(() -> new NoSuchFileException("upload " + uploadId + " has nothing staged"));
        if (state.assembled()) {
            return state;
        }
        try {
            List<S3StagingLedger.Part> parts = new ArrayList<>(state.parts());
            if (state.tailLength() > 0 || parts.isEmpty()) {
                long length = state.tailLength();
                int number = parts.size() + 1;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(state.s3UploadId())
                        .partNumber(number).contentLength(length), length == 0 ? RequestBody.empty()
                        : RequestBody.fromContentProvider(() -> s3.getObject(g -> g.bucket(bucket)
                                .key(state.tailKey())), length, "application/octet-stream")).eTag();
                parts.add(new S3StagingLedger.Part(number, etag, length));
            }
            List<CompletedPart> completed = parts.stream().map(p -> CompletedPart.builder().partNumber(p.number())
                    .eTag(p.etag()).build()).toList();
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(state.s3UploadId())
                    .multipartUpload(m -> m.parts(completed)));
        } catch (S3Exception e) {
            throw new IOException("assembling staged upload " + uploadId + " failed: " + e.getMessage(), e);
        }
        if (!ledger.update(state, state.parts(), state.tailKey(), state.tailLength(), true)) {
            throw new BlobStore.ConcurrentAppendException("another request changed upload " + uploadId
                    + " meanwhile");
        }
        return ledger.find(uploadId).orElseThrow();
    }

    private boolean exists(String objectKey) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(objectKey));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Server-side copy: one CopyObject up to 5 GiB, else a multipart copy in 1 GiB ranges. */
    private void copy(String from, String to, long size) {
        if (size <= MAX_SINGLE_COPY) {
            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to)
                    .contentType("application/octet-stream"));
            return;
        }
        String copyId = s3.createMultipartUpload(b -> b.bucket(bucket).key(to)
                .contentType("application/octet-stream")).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long at = 0; at < size; at += COPY_PART) {
                int number = parts.size() + 1;
                String range = "bytes=" + at + "-" + (Math.min(size, at + COPY_PART) - 1);
                String etag = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket)
                        .destinationKey(to).uploadId(copyId).partNumber(number).copySourceRange(range))
                        .copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(to).uploadId(copyId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(to).uploadId(copyId));
            throw e;
        }
    }

    private static void copy(InputStream in, FileChannel out, long length) throws IOException {
        long copied = in.transferTo(Channels.newOutputStream(out));
        if (copied != length) {
            throw new IOException("the staged tail has " + copied + " bytes, not " + length);
        }
    }
}
