package dev.modelport.registry.blob;

import dev.modelport.registry.common.crypto.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Blobs as files under {@code root/sha256/<first two hex>/<hex>}; uploads in progress under {@code root/staging}.
 * Both are on one file system so that publishing a blob is one atomic rename.
 *
 * <p>A new blob is written to a temporary file in its final directory, forced to disk, and renamed into place; the
 * directory is forced after the rename. Failure modes of that rename: the target existing already is success (the
 * same content arrived twice); a file system without atomic rename fails loudly instead of exposing partial files.
 *
 * <p>Serving never trusts the disk blindly. Every blob was hashed when its bytes entered the store; that check is
 * remembered together with the file's identity, size, modification time and change time ({@link FileStamp}). Any write
 * to the file afterwards (tampering, a restore from backup, an editor) changes the change time, which user space cannot
 * set back, so the next download re-hashes the whole file before a byte leaves. A file that no longer hashes to its
 * name is moved to {@code root/quarantine} and never served. What this does not catch: silent media corruption that
 * bypasses the file system (bit rot below it) after the last verification, and the page cache serving stale bytes;
 * the device's own check against the signed TUF hash is the last line for those, and a periodic scrub the operator's.
 * After a restart every blob is re-hashed once, on its first download.
 */
public final class FilesystemBlobStore implements BlobStore {

    static final int BUFFER = 256 * 1024;
    private static final Logger LOG = Logger.getLogger(FilesystemBlobStore.class);

    private final Path root;
    /** Blobs whose bytes were hashed and found right, with the file state they had then. */
    private final Map<Sha256Digest, FileStamp> verified = new ConcurrentHashMap<>();
    /** One verification at a time per blob: concurrent first downloads wait for it instead of hashing again. */
    private final Map<Sha256Digest, Object> verifying = new ConcurrentHashMap<>();

    public FilesystemBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root.resolve("sha256"));
            Files.createDirectories(this.root.resolve("staging"));
            Files.createDirectories(this.root.resolve("quarantine"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the blob directory " + this.root, e);
        }
    }

    public Path root() {
        return root;
    }

    Path pathOf(Sha256Digest digest) {
        return root.resolve("sha256").resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
    }

    @Override
    public void put(Sha256Digest expected, long length, InputStream in) throws IOException {
        Path target = pathOf(expected);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + expected.hex() + "." + UUID.randomUUID() + ".tmp");
        try {
            MessageDigest sha = Sha256.newDigest();
            long written;
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                written = copy(new DigestInputStream(in, sha), out, length);
                out.force(true);
            }
            if (written != length) {
                throw new IntegrityException("expected " + length + " bytes, got " + written);
            }
            Sha256Digest actual = Sha256Digest.of(sha.digest());
            if (!actual.equals(expected)) {
                throw new IntegrityException("expected " + expected + ", the bytes hash to " + actual);
            }
            if (moveIntoPlace(temp, target)) {
                remember(expected, target);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Source source(Sha256Digest digest, long size) throws IOException {
        Path file = pathOf(digest);
        FileStamp before = FileStamp.of(file); // NoSuchFileException when absent
        if (before.size != size) {
            throw withdraw(digest, file, "is " + before.size + " bytes long, the blob has " + size);
        }
        if (before.equals(verified.get(digest))) {
            return new Source.LocalFile(file);
        }
        synchronized (verifying.computeIfAbsent(digest, d -> new Object())) {
            if (!FileStamp.of(file).equals(verified.get(digest))) {
                verify(digest, file);
            }
        }
        return new Source.LocalFile(file);
    }

    /** Hashes the whole file; remembers it as right only if it did not change while being read. */
    private void verify(Sha256Digest digest, Path file) throws IOException {
        FileStamp stamp = FileStamp.of(file);
        MessageDigest sha = Sha256.newDigest();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            while (in.read(buffer) != -1) {
                buffer.flip();
                sha.update(buffer);
                buffer.clear();
            }
        }
        Sha256Digest actual = Sha256Digest.of(sha.digest());
        if (!actual.equals(digest)) {
            throw withdraw(digest, file, "hashes to " + actual);
        }
        if (!stamp.equals(FileStamp.of(file))) {
            throw new IOException("blob " + digest + " changed while it was being verified");
        }
        verified.put(digest, stamp);
    }

    private CorruptBlobException withdraw(Sha256Digest digest, Path file, String what) {
        verified.remove(digest);
        Path aside = root.resolve("quarantine").resolve(digest.hex() + "." + Instant.now().toEpochMilli());
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.errorf(e, "could not move the damaged blob %s aside", digest);
        }
        LOG.errorf("blob %s on disk %s; moved to %s and no longer served. Upload it again to restore it.",
                digest, what, aside);
        return new CorruptBlobException("the stored copy of blob " + digest + " is damaged and was withdrawn");
    }

    private void remember(Sha256Digest digest, Path file) {
        try {
            verified.put(digest, FileStamp.of(file));
        } catch (IOException e) {
            verified.remove(digest); // verified again on first download
        }
    }

    /**
     * The state of a file that any change of its content alters: inode, size, modification time and change time.
     * The change time is the one user space cannot set back; where the platform has none, the others still count.
     */
    record FileStamp(Object fileKey, long size, FileTime modified, Object changed) {

        static FileStamp of(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            Object ctime;
            try {
                ctime = Files.getAttribute(file, "unix:ctime");
            } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
                ctime = null;
            }
            return new FileStamp(a.fileKey(), a.size(), a.lastModifiedTime(), ctime);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FileStamp s && size == s.size && Objects.equals(fileKey, s.fileKey)
                    && Objects.equals(modified, s.modified) && Objects.equals(changed, s.changed);
        }

        @Override
        public int hashCode() {
            return Objects.hash(fileKey, size, modified);
        }
    }

    @Override
    public boolean exists(Sha256Digest digest) {
        return Files.isRegularFile(pathOf(digest));
    }

    @Override
    public long size(Sha256Digest digest) throws IOException {
        return Files.size(pathOf(digest));
    }

    @Override
    public InputStream open(Sha256Digest digest, long offset) throws IOException {
        SeekableByteChannel channel = Files.newByteChannel(pathOf(digest), StandardOpenOption.READ);
        channel.position(offset);
        return Channels.newInputStream(channel);
    }

    @Override
    public Path file(Sha256Digest digest) throws IOException {
        Path path = pathOf(digest);
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "blob " + digest + " is not stored");
        }
        return path;
    }

    @Override
    public Staging staging(UUID uploadId) {
        return new FileStaging(stagingFile(uploadId));
    }

    /** The file holding upload {@code uploadId}'s staged bytes (the S3 backend stages here too). */
    Path stagingFile(UUID uploadId) {
        return root.resolve("staging").resolve(uploadId + ".part");
    }

    private final class FileStaging implements Staging {
        private final Path file;

        FileStaging(Path file) {
            this.file = file;
        }

        @Override
        public long length() throws IOException {
            return Files.exists(file) ? Files.size(file) : 0;
        }

        @Override
        public long append(long offset, InputStream in, long limit) throws IOException {
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                if (out.size() < offset) {
                    throw new IOException("staged file has " + out.size() + " bytes, fewer than offset " + offset);
                }
                // Bytes beyond the committed offset were received but never acknowledged: drop them.
                out.truncate(offset);
                out.position(offset);
                ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
                long position = offset;
                try {
                    int n;
                    while ((n = in.read(buffer.array(), 0, buffer.capacity())) != -1) {
                        if (position + n > limit) {
                            out.truncate(offset);
                            throw new TooLongException("the upload declared " + limit + " bytes; this chunk goes past it");
                        }
                        buffer.limit(n).position(0);
                        while (buffer.hasRemaining()) {
                            out.write(buffer);
                        }
                        buffer.clear();
                        position += n;
                    }
                } catch (TooLongException e) {
                    throw e;
                } catch (IOException clientGone) {
                    out.force(false);
                    throw new PartialAppendException(position, clientGone);
                }
                out.force(false);
                return position;
            }
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file, StandardOpenOption.READ);
        }

        @Override
        public void commit(Sha256Digest digest) throws IOException {
            Path target = pathOf(digest);
            Files.createDirectories(target.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            if (moveIntoPlace(file, target)) {
                remember(digest, target);
            }
        }

        @Override
        public void discard() throws IOException {
            Files.deleteIfExists(file);
        }
    }

    /**
     * True if {@code source} became the blob; false if the blob was there already (then it is not vouched for by this
     * call and is verified on its first download).
     */
    private static boolean moveIntoPlace(Path source, Path target) throws IOException {
        if (Files.exists(target)) {
            Files.delete(source); // content-addressed: the same bytes are there already
            return false;
        }
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(source);
            return false;
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the blob directory must support atomic rename: " + e.getMessage(), e);
        }
        forceDirectory(target.getParent());
        return true;
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notOnThisPlatform) {
            // Some file systems cannot open a directory for fsync; the rename is still atomic there.
        }
    }

    private static long copy(InputStream in, FileChannel out, long limit) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > limit) {
                throw new IntegrityException("more than the declared " + limit + " bytes");
            }
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
            while (chunk.hasRemaining()) {
                out.write(chunk);
            }
        }
        return total;
    }

}
