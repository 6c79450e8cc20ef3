package dev.modelport.gguf.digest;

import dev.modelport.gguf.format.ByteRange;
import dev.modelport.gguf.format.GgufHeader;
import dev.modelport.gguf.format.GgufReader;
import dev.modelport.gguf.format.GgufTensorInfo;
import dev.modelport.gguf.internal.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Content map of a GGUF file: whole-file digest, header range and digest, and every tensor's
 * range and digest. A registry publishes it next to a build; an OTA client holding an older build
 * compares manifests and fetches only the byte ranges that changed ({@link DeltaPlan}).
 *
 * @param tensors in file offset order
 */
public record GgufManifest(long fileSize, String sha256, ByteRange header, String headerSha256, List<TensorDigest> tensors) {
    private static final int BUFFER = 1 << 20;

    public GgufManifest {
        tensors = List.copyOf(tensors);
    }

    /**
     * Reads the file once, front to back, hashing the whole file, its header and every tensor as
     * the bytes pass; memory use is one buffer, whatever the file size.
     */
    public static GgufManifest of(Path file) throws IOException {
        GgufHeader h = GgufReader.readHeader(file);
        List<GgufTensorInfo> byOffset = new ArrayList<>(h.tensors());
        byOffset.sort(Comparator.comparingLong(GgufTensorInfo::offset));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Hasher hasher = new Hasher(ch, h.fileSize());
            MessageDigest headerDigest = Sha256.newDigest();
            hasher.feed(Math.min(h.dataOffset(), h.fileSize()), headerDigest);
            List<TensorDigest> tensors = new ArrayList<>();
            for (GgufTensorInfo t : byOffset) {
                ByteRange range = h.rangeOf(t);
                hasher.feed(range.offset() - hasher.position, null); // padding before the tensor
                MessageDigest d = Sha256.newDigest();
                hasher.feed(range.length(), d);
                tensors.add(new TensorDigest(t.name(), t.type(), t.shape(), range, Sha256.hex(d.digest())));
            }
            hasher.feed(h.fileSize() - hasher.position, null);
            return new GgufManifest(h.fileSize(), Sha256.hex(hasher.file.digest()),
                    new ByteRange(0, h.dataOffset()), Sha256.hex(headerDigest.digest()), tensors);
        }
    }

    public Optional<TensorDigest> tensor(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** What to download to turn {@code installed} into this file. */
    public DeltaPlan deltaFrom(GgufManifest installed) {
        return DeltaPlan.between(installed, this);
    }

    /** Sequential reader that feeds the file digest and, optionally, one more. */
    private static final class Hasher {
        private final FileChannel ch;
        private final long size;
        private final MessageDigest file = Sha256.newDigest();
        private final ByteBuffer buf;
        private long position;

        Hasher(FileChannel ch, long size) {
            this.ch = ch;
            this.size = size;
            this.buf = ByteBuffer.allocate((int) Math.max(1, Math.min(BUFFER, size)));
        }

        void feed(long n, MessageDigest also) throws IOException {
            long end = position + n;
            while (position < end) {
                buf.clear().limit((int) Math.min(buf.capacity(), end - position));
                int r = ch.read(buf, position);
                if (r < 0) {
                    throw new IOException("file shrank while hashing: ends before " + end + " of " + size);
                }
                buf.flip();
                file.update(buf.duplicate());
                if (also != null) {
                    also.update(buf);
                }
                position += r;
            }
        }
    }
}
