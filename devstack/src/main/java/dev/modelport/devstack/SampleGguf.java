package dev.modelport.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Generates valid GGUF v3 files for the demo and the tests: a {@code general.architecture} key and one F32 tensor
 * of pseudo-random weights derived from a seed, so that every seed gives a file with its own digest. Large files are
 * produced as a stream and never held in memory.
 */
public final class SampleGguf {

    private static final int ALIGNMENT = 32;

    private final byte[] header;
    private final long dataBytes;
    private final long seed;

    private SampleGguf(byte[] header, long dataBytes, long seed) {
        this.header = header;
        this.dataBytes = dataBytes;
        this.seed = seed;
    }

    /**
     * A file whose single tensor {@code weights} holds {@code dataBytes} bytes (a multiple of 4) of F32 values.
     */
    public static SampleGguf of(String architecture, String name, long dataBytes, long seed) {
        if (dataBytes <= 0 || dataBytes % 4 != 0) {
            throw new IllegalArgumentException("tensor data must be a positive multiple of 4 bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, 0x46554747); // "GGUF"
        u32(out, 3);
        u64(out, 1); // tensors
        u64(out, 2); // metadata keys
        string(out, "general.architecture");
        u32(out, 8);
        string(out, architecture);
        string(out, "general.name");
        u32(out, 8);
        string(out, name);
        string(out, "weights");
        u32(out, 1); // dimensions
        u64(out, dataBytes / 4);
        u32(out, 0); // F32
        u64(out, 0); // offset in the data section
        while (out.size() % ALIGNMENT != 0) {
            out.write(0);
        }
        return new SampleGguf(out.toByteArray(), dataBytes, seed);
    }

    /** A small file (a few KiB) unique to {@code seed}: enough for a version's artifact in tests and the demo. */
    public static SampleGguf small(String architecture, String seed) {
        return of(architecture, seed, 4096, seed.hashCode() * 31L + seed.length());
    }

    public long size() {
        return header.length + dataBytes;
    }

    public InputStream open() {
        return new Generated();
    }

    public byte[] bytes() {
        if (size() > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too large for an array; use open()");
        }
        try (InputStream in = open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code sha256:<hex>} of the file, computed by streaming it once. */
    public String digest() {
        try (InputStream in = open()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            int n;
            while ((n = in.read(buffer)) != -1) {
                sha.update(buffer, 0, n);
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Header bytes, then xorshift64* pseudo-random weights; cheap enough to stream gigabytes. */
    private final class Generated extends InputStream {
        private long position;
        private long state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
        private long word;
        private int wordLeft;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long total = size();
            if (position >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - position);
            int i = 0;
            if (position < header.length) {
                int fromHeader = (int) Math.min(n, header.length - position);
                System.arraycopy(header, (int) position, b, off, fromHeader);
                i = fromHeader;
            }
            for (; i < n; i++) {
                if (wordLeft == 0) {
                    state ^= state >>> 12;
                    state ^= state << 25;
                    state ^= state >>> 27;
                    // Keep the exponent small so that the floats are ordinary weights, never NaN or infinite.
                    word = (state * 0x2545F4914F6CDD1DL) & 0x3F7FFFFF3F7FFFFFL;
                    wordLeft = 8;
                }
                b[off + i] = (byte) word;
                word >>>= 8;
                wordLeft--;
            }
            position += n;
            return n;
        }
    }

    private static void u32(ByteArrayOutputStream out, long value) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array());
    }

    private static void u64(ByteArrayOutputStream out, long value) {
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }

    private static void string(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        u64(out, bytes.length);
        out.writeBytes(bytes);
    }
}
