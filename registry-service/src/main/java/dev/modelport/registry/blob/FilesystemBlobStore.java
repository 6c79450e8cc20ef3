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
import java.security.MessageDigest;
import java.util.UUID;

/**
 * Blobs as files under {@code root/sha256/<first two hex>/<hex>}; uploads in progress under {@code root/staging}.
 * Both are on one file system so that publishing a blob is one atomic rename.
 *
 * <p>A new blob is written to a temporary file in its final directory, forced to disk, and renamed into place; the
 * directory is forced after the rename. Failure modes of that rename: the target existing already is success (the
 * same content arrived twice); a file system without atomic rename fails loudly instead of exposing partial files.
 */
public final class FilesystemBlobStore implements BlobStore {

    static final int BUFFER = 256 * 1024;

    private final Path root;

    public FilesystemBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root.resolve("sha256"));
            Files.createDirectories(this.root.resolve("staging"));
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
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
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
        return new FileStaging(root.resolve("staging").resolve(uploadId + ".part"));
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
            moveIntoPlace(file, target);
        }

        @Override
        public void discard() throws IOException {
            Files.deleteIfExists(file);
        }
    }

    private static void moveIntoPlace(Path source, Path target) throws IOException {
        if (Files.exists(target)) {
            Files.delete(source); // content-addressed: the same bytes are there already
            return;
        }
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(source);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the blob directory must support atomic rename: " + e.getMessage(), e);
        }
        forceDirectory(target.getParent());
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
