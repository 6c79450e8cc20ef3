package dev.modelport.gguf.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An open GGUF file: the validated header in memory, tensor data left on disk and read on demand
 * through positional channel reads, so a 4 GB model never enters the heap. Reading tensor data is
 * thread-safe for files; the reader owns and closes its channel.
 */
public final class GgufReader implements Closeable {
    private final RandomAccess source;
    private final GgufHeader header;

    private GgufReader(RandomAccess source, GgufHeader header) {
        this.source = source;
        this.header = header;
    }

    public static GgufReader open(Path path) throws IOException {
        return open(path, ReadLimits.defaults());
    }

    public static GgufReader open(Path path, ReadLimits limits) throws IOException {
        return open(FileChannel.open(path, StandardOpenOption.READ), limits);
    }

    /**
     * Parses the header from the start of {@code channel}. The reader takes ownership of the
     * channel and closes it, also when parsing fails.
     */
    public static GgufReader open(SeekableByteChannel channel, ReadLimits limits) throws IOException {
        try {
            RandomAccess source = new RandomAccess(channel);
            return new GgufReader(source, HeaderParser.parse(source, limits));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Reads and validates only the header, then closes the file. */
    public static GgufHeader readHeader(Path path) throws IOException {
        try (GgufReader reader = open(path)) {
            return reader.header();
        }
    }

    public GgufHeader header() {
        return header;
    }

    /**
     * Fills {@code dst} with the tensor's bytes starting {@code offsetInTensor} bytes into it.
     *
     * @throws IllegalArgumentException if the tensor is not from this file or the range runs past
     *     its end
     */
    public void read(GgufTensorInfo tensor, long offsetInTensor, ByteBuffer dst) throws IOException {
        requireOwn(tensor);
        if (offsetInTensor < 0 || dst.remaining() > tensor.byteSize() - offsetInTensor) {
            throw new IllegalArgumentException("read of " + dst.remaining() + " bytes at " + offsetInTensor
                    + " runs past the end of tensor '" + tensor.name() + "' (" + tensor.byteSize() + " bytes)");
        }
        source.readFully(dst, header.dataOffset() + tensor.offset() + offsetInTensor);
    }

    /** A channel over exactly the tensor's bytes, for streaming them anywhere. */
    public ReadableByteChannel openTensor(GgufTensorInfo tensor) {
        requireOwn(tensor);
        return new RangeChannel(source, header.rangeOf(tensor));
    }

    public InputStream tensorStream(GgufTensorInfo tensor) {
        return Channels.newInputStream(openTensor(tensor));
    }

    /** Streams the tensor's bytes into {@code out}; returns the number of bytes copied. */
    public long copyTensor(GgufTensorInfo tensor, WritableByteChannel out) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(1, tensor.byteSize())));
        long done = 0;
        while (done < tensor.byteSize()) {
            buf.clear().limit((int) Math.min(buf.capacity(), tensor.byteSize() - done));
            read(tensor, done, buf);
            buf.flip();
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            done += buf.limit();
        }
        return done;
    }

    private void requireOwn(GgufTensorInfo tensor) {
        if (!tensor.equals(header.tensor(tensor.name()).orElse(null))) {
            throw new IllegalArgumentException("tensor '" + tensor.name() + "' is not part of this file");
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    /** Read-only view of one byte range; closing it leaves the file open. */
    private static final class RangeChannel implements ReadableByteChannel {
        private final RandomAccess source;
        private final long end;
        private long position;
        private boolean open = true;

        RangeChannel(RandomAccess source, ByteRange range) {
            this.source = source;
            this.position = range.offset();
            this.end = range.end();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (position >= end) {
                return -1;
            }
            ByteBuffer window = dst.slice();
            window.limit((int) Math.min(window.remaining(), end - position));
            int n = source.read(window, position);
            if (n > 0) {
                position += n;
                dst.position(dst.position() + n);
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
