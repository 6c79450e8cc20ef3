package dev.modelport.gguf.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Buffered little-endian reads from the start of a file. It never reads past the end and never
 * allocates more than its fixed buffer plus what the caller asks for, which the parser has
 * already checked against the bytes left.
 */
final class HeaderInput {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final RandomAccess source;
    private final ByteBuffer buf;
    private long bufStart;

    HeaderInput(RandomAccess source) {
        this.source = source;
        // Small files (and fuzz inputs) get a small buffer, so parsing them stays cheap.
        int cap = (int) Math.max(16, Math.min(BUFFER_SIZE, source.size()));
        this.buf = ByteBuffer.allocate(cap).order(ByteOrder.LITTLE_ENDIAN);
        buf.limit(0);
    }

    long position() {
        return bufStart + buf.position();
    }

    long remaining() {
        return source.size() - position();
    }

    int u8() throws IOException {
        require(1);
        return buf.get() & 0xFF;
    }

    long u32() throws IOException {
        require(4);
        return buf.getInt() & 0xFFFF_FFFFL;
    }

    /** A uint64; values above {@code Long.MAX_VALUE} come back negative for the caller to reject. */
    long u64() throws IOException {
        require(8);
        return buf.getLong();
    }

    long raw(int size) throws IOException {
        switch (size) {
            case 1:
                return u8();
            case 2:
                require(2);
                return buf.getShort() & 0xFFFFL;
            case 4:
                return u32();
            default:
                return u64();
        }
    }

    byte[] bytes(int n) throws IOException {
        if (n > remaining()) {
            throw truncated(n);
        }
        byte[] out = new byte[n];
        int done = 0;
        while (done < n) {
            if (!buf.hasRemaining()) {
                refill();
            }
            int k = Math.min(n - done, buf.remaining());
            buf.get(out, done, k);
            done += k;
        }
        return out;
    }

    private void require(int n) throws IOException {
        if (buf.remaining() >= n) {
            return;
        }
        if (remaining() < n) {
            throw truncated(n);
        }
        refill();
    }

    private void refill() throws IOException {
        long pos = position();
        buf.compact(); // unread bytes move to the front; index 0 is now file offset pos
        bufStart = pos;
        long next = pos + buf.position();
        int want = (int) Math.min(buf.remaining(), source.size() - next);
        buf.limit(buf.position() + want);
        source.readFully(buf, next);
        buf.flip();
    }

    private GgufFormatException truncated(long n) {
        return new GgufFormatException(GgufError.TRUNCATED,
                "file ends at " + source.size() + " but " + n + " more bytes are needed at offset " + position());
    }
}
