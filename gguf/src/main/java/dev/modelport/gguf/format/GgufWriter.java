package dev.modelport.gguf.format;

import dev.modelport.gguf.internal.Sha256;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a GGUF v3 file: header, then each tensor's bytes pulled from its {@link TensorSource}
 * in order, each placed at the next multiple of {@code general.alignment} (the layout ggml's
 * gguf.cpp requires: offsets in info-table order, each padded). The file and every tensor are
 * hashed as the bytes go out.
 */
public final class GgufWriter {
    private final GgufMetadata metadata;
    private final List<GgufTensorInfo> tensors;
    private final List<TensorSource> sources;
    private final byte[] headerBytes;

    private GgufWriter(GgufMetadata metadata, List<GgufTensorInfo> tensors, List<TensorSource> sources) {
        this.metadata = metadata;
        this.tensors = List.copyOf(tensors);
        this.sources = List.copyOf(sources);
        this.headerBytes = HeaderEncoder.encode(metadata, tensors);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The header this writer will produce, with final offsets and file size. */
    public GgufHeader layout() {
        return new GgufHeader(3, metadata, tensors, headerBytes.length, headerBytes.length + dataSectionSize());
    }

    /**
     * Every tensor padded to the alignment, the last one too: ggml's gguf writer does the same,
     * and gguf_init_from_file reads the data section with its padded size.
     */
    private long dataSectionSize() {
        long end = 0;
        for (GgufTensorInfo t : tensors) {
            end = Math.max(end, HeaderParser.alignUp(t.offset() + t.byteSize(), metadata.alignment()));
        }
        return end;
    }

    /**
     * Writes to a temporary file beside {@code target} and renames it into place, so a failed or
     * interrupted write never leaves a half-written model under the target name.
     */
    public WriteResult writeTo(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // Not Files.createTempFile: its owner-only permissions would carry over to the model file.
        Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            WriteResult result;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                result = writeTo(ch);
                ch.force(false);
            }
            moveIntoPlace(tmp, target);
            return result;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Streams the whole file into {@code out}, which stays open. */
    public WriteResult writeTo(WritableByteChannel out) throws IOException {
        HashingSink sink = new HashingSink(out);
        sink.write(ByteBuffer.wrap(headerBytes));
        Map<String, String> digests = new LinkedHashMap<>();
        long written = headerBytes.length;
        for (int i = 0; i < tensors.size(); i++) {
            GgufTensorInfo t = tensors.get(i);
            written = sink.zeros(headerBytes.length + t.offset() - written);
            TensorChannel channel = new TensorChannel(sink, t);
            sources.get(i).writeTo(channel);
            digests.put(t.name(), channel.finish());
            written += t.byteSize();
        }
        sink.zeros(headerBytes.length + dataSectionSize() - written);
        return new WriteResult(layout(), sink.count, Sha256.hex(sink.fileDigest.digest()), digests);
    }

    /** Collects metadata and tensors; offsets are assigned at {@link #build()}. */
    public static final class Builder {
        private GgufMetadata.Builder metadata = GgufMetadata.builder();
        private final List<Pending> pending = new ArrayList<>();
        private final Set<String> names = new HashSet<>();

        private Builder() {
        }

        /** Replaces all metadata (including {@code general.alignment}, if present). */
        public Builder metadata(GgufMetadata m) {
            this.metadata = m.toBuilder();
            return this;
        }

        public Builder put(String key, GgufValue value) {
            metadata.put(key, value);
            return this;
        }

        /** Sets {@code general.alignment}; it must be a power of two. */
        public Builder alignment(int alignment) {
            if (alignment <= 0 || Integer.bitCount(alignment) != 1) {
                throw new IllegalArgumentException("alignment " + alignment + " is not a power of two");
            }
            metadata.put(GgufMetadata.ALIGNMENT, GgufScalar.uint32(alignment));
            return this;
        }

        public Builder addTensor(String name, GgmlType type, TensorShape shape, TensorSource source) throws GgufFormatException {
            if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > GgufTensorInfo.MAX_NAME_BYTES) {
                throw new GgufFormatException(GgufError.INVALID_STRING,
                        "tensor name '" + name + "' must be 1 to " + GgufTensorInfo.MAX_NAME_BYTES + " UTF-8 bytes");
            }
            if (!names.add(name)) {
                throw new GgufFormatException(GgufError.DUPLICATE_TENSOR, "tensor '" + name + "' added twice");
            }
            type.byteSize(shape); // rejects a bad shape now rather than halfway through a write
            pending.add(new Pending(name, type, shape, source));
            return this;
        }

        public GgufWriter build() throws GgufFormatException {
            GgufMetadata m = metadata.build();
            int alignment = m.alignment();
            List<GgufTensorInfo> infos = new ArrayList<>();
            List<TensorSource> sources = new ArrayList<>();
            long offset = 0;
            for (Pending p : pending) {
                GgufTensorInfo t = GgufTensorInfo.of(p.name, p.type, p.shape, offset);
                infos.add(t);
                sources.add(p.source);
                offset = HeaderParser.alignUp(offset + t.byteSize(), alignment);
            }
            return new GgufWriter(m, infos, sources);
        }

        private record Pending(String name, GgmlType type, TensorShape shape, TensorSource source) {
        }
    }

    /** Writes through to the target while hashing the whole file. */
    private static final class HashingSink {
        private final WritableByteChannel out;
        private final MessageDigest fileDigest = Sha256.newDigest();
        private long count;

        HashingSink(WritableByteChannel out) {
            this.out = out;
        }

        void write(ByteBuffer src) throws IOException {
            fileDigest.update(src.duplicate());
            int n = src.remaining();
            while (src.hasRemaining()) {
                out.write(src);
            }
            count += n;
        }

        /** Writes {@code n} padding zeros; returns the new total. */
        long zeros(long n) throws IOException {
            if (n > 0) {
                write(ByteBuffer.allocate((int) n));
            }
            return count;
        }
    }

    /** Accepts exactly one tensor's bytes, hashing them; refuses any extra byte at once. */
    private static final class TensorChannel implements WritableByteChannel {
        private final HashingSink sink;
        private final GgufTensorInfo tensor;
        private final MessageDigest digest = Sha256.newDigest();
        private long written;

        TensorChannel(HashingSink sink, GgufTensorInfo tensor) {
            this.sink = sink;
            this.tensor = tensor;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = src.remaining();
            if (n > tensor.byteSize() - written) {
                throw new GgufFormatException(GgufError.TENSOR_SIZE_MISMATCH, "source for tensor '" + tensor.name()
                        + "' wrote more than its " + tensor.byteSize() + " bytes");
            }
            digest.update(src.duplicate());
            sink.write(src);
            written += n;
            return n;
        }

        String finish() throws GgufFormatException {
            if (written != tensor.byteSize()) {
                throw new GgufFormatException(GgufError.TENSOR_SIZE_MISMATCH, "source for tensor '" + tensor.name()
                        + "' wrote " + written + " of its " + tensor.byteSize() + " bytes");
            }
            return Sha256.hex(digest.digest());
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
