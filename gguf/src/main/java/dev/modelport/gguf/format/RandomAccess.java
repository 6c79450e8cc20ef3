package dev.modelport.gguf.format;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;

/**
 * Positional reads over a channel. A {@link FileChannel} reads concurrently without moving its
 * position, which lets the quantizer's workers pull their chunks in parallel; any other
 * seekable channel (an in-memory one in tests) is serialised.
 */
final class RandomAccess implements Closeable {
    private final SeekableByteChannel channel;
    private final long size;

    RandomAccess(SeekableByteChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
    }

    long size() {
        return size;
    }

    /** Fills {@code dst} completely from {@code position} or throws {@link EOFException}. */
    void readFully(ByteBuffer dst, long position) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int n = read(dst, pos);
            if (n < 0) {
                throw new EOFException("unexpected end of file at " + pos);
            }
            pos += n;
        }
    }

    /** Reads what is available, at most {@code dst.remaining()}; -1 at end of file. */
    int read(ByteBuffer dst, long position) throws IOException {
        if (channel instanceof FileChannel) {
            return ((FileChannel) channel).read(dst, position);
        }
        synchronized (channel) {
            channel.position(position);
            return channel.read(dst);
        }
    }

    SeekableByteChannel channel() {
        return channel;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
