package dev.modelport.registry.blob;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Content-addressed storage of large immutable files. The filesystem implementation is the default; an S3 backend
 * implements the same contract with multipart uploads for {@link Staging}.
 *
 * <p>Guarantee: a blob is visible under its digest only once all of its bytes are durable and hash to that digest.
 * Memory use does not depend on blob size: every method streams.
 */
public interface BlobStore {

    /**
     * Streams {@code in} into the store, hashing while the bytes pass. If the stream does not hold exactly
     * {@code length} bytes with digest {@code expected}, nothing is stored and {@link IntegrityException} is thrown.
     * Storing a blob that exists already succeeds without changing it.
     */
    void put(Sha256Digest expected, long length, InputStream in) throws IOException;

    boolean exists(Sha256Digest digest);

    /** The size in bytes of a stored blob. */
    long size(Sha256Digest digest) throws IOException;

    /** Reads a stored blob from {@code offset} to its end, for range requests. */
    InputStream open(Sha256Digest digest, long offset) throws IOException;

    /**
     * A readable file holding the blob's bytes, for tools that need random access (the quantizer, the
     * fingerprinter). The filesystem store returns its stored file, which must not be written; an object store
     * would return a local copy.
     */
    Path file(Sha256Digest digest) throws IOException;

    /**
     * Reads {@code length} bytes of a stored blob from {@code offset}; an object store fetches just those bytes.
     * The stream may end early only if the blob is shorter.
     */
    default InputStream open(Sha256Digest digest, long offset, long length) throws IOException {
        return open(digest, offset);
    }

    /**
     * Where a download of blob {@code digest} reads its bytes. Before answering, the store checks that what it holds
     * is still {@code size} bytes (and, for the filesystem, that the file still hashes to the digest, re-hashing
     * whenever the file changed since it was last verified). A damaged blob is withdrawn and
     * {@link CorruptBlobException} thrown: the store never answers for a digest with other bytes.
     *
     * @throws java.nio.file.NoSuchFileException when the store does not hold the blob
     */
    Source source(Sha256Digest digest, long size) throws IOException;

    /** How the bytes of a blob reach a client. */
    sealed interface Source {
        /** A verified local file, served with zero-copy {@code sendfile}. */
        record LocalFile(Path file) implements Source {
        }

        /** A short-lived presigned URL of the object store; the client fetches it directly. */
        record Presigned(URI uri) implements Source {
        }
    }

    /** The staging area of one resumable upload; it survives restarts until committed or discarded. */
    Staging staging(UUID uploadId);

    /** Bytes of an upload in progress. Not visible as a blob until {@link #commit}. */
    interface Staging {

        /** How many bytes are durably staged. */
        long length() throws IOException;

        /**
         * Appends {@code in} at {@code offset}, dropping anything staged beyond it first, and returns the new
         * length. Refuses to grow past {@code limit}. The bytes received before a failure of {@code in} (a client
         * that disconnects) stay staged and durable: {@link PartialAppendException} carries the length reached.
         */
        long append(long offset, InputStream in, long limit) throws IOException;

        /** Reads the staged bytes from the start. */
        InputStream open() throws IOException;

        /**
         * Makes the staged bytes the blob {@code digest}, atomically. The caller has verified the digest while
         * reading {@link #open()}; nothing else may append in between.
         */
        void commit(Sha256Digest digest) throws IOException;

        void discard() throws IOException;
    }

    /** The bytes did not match the declared digest or length. */
    final class IntegrityException extends IOException {
        public IntegrityException(String message) {
            super(message);
        }
    }

    /** The stored copy of a blob no longer matches its digest or size; it has been withdrawn from serving. */
    final class CorruptBlobException extends IOException {
        public CorruptBlobException(String message) {
            super(message);
        }
    }

    /** An append that stopped early; {@link #length()} bytes are staged. */
    final class PartialAppendException extends IOException {
        private final long length;

        public PartialAppendException(long length, IOException cause) {
            super("the upload stream broke after " + length + " bytes: " + cause.getMessage(), cause);
            this.length = length;
        }

        public long length() {
            return length;
        }
    }

    /** Another request changed the staged upload meanwhile (on any instance); nothing of this one was recorded. */
    final class ConcurrentAppendException extends IOException {
        public ConcurrentAppendException(String message) {
            super(message);
        }
    }

    /** The client sent more bytes than the upload declared. */
    final class TooLongException extends IOException {
        public TooLongException(String message) {
            super(message);
        }
    }
}
