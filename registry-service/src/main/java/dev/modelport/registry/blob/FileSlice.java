package dev.modelport.registry.blob;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A stream over a byte range of a local file, for S3 request bodies: the SDK calls its content provider again on a
 * retry, so each call must open a fresh stream rather than share one.
 */
final class FileSlice extends FilterInputStream {

    private long left;

    private FileSlice(InputStream in, long limit) {
        super(in);
        this.left = limit;
    }

    /** A fresh stream over {@code length} bytes of {@code file} from {@code offset}. */
    static InputStream open(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return new FileSlice(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) {
            return -1;
        }
        int b = super.read();
        if (b >= 0) {
            left--;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
            return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
            left -= n;
        }
        return n;
    }
}
