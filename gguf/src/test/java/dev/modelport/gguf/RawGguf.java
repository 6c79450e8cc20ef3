package dev.modelport.gguf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes arbitrary (also invalid) GGUF bytes, for tests that play hostile files. */
public final class RawGguf {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static RawGguf header(long version, long tensorCount, long kvCount) {
        return new RawGguf().bytes("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(version).u64(tensorCount).u64(kvCount);
    }

    public RawGguf u8(int v) {
        out.write(v);
        return this;
    }

    public RawGguf u32(long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    public RawGguf u64(long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    public RawGguf str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return u64(b.length).bytes(b);
    }

    public RawGguf bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** A tensor info entry: name, dims, ggml type code, data offset. */
    public RawGguf tensor(String name, long type, long offset, long... dims) {
        str(name).u32(dims.length);
        for (long d : dims) {
            u64(d);
        }
        return u32(type).u64(offset);
    }

    /** Pads with zeros to a multiple of {@code alignment}. */
    public RawGguf pad(int alignment) {
        while (out.size() % alignment != 0) {
            out.write(0);
        }
        return this;
    }

    public RawGguf zeros(int n) {
        out.writeBytes(new byte[n]);
        return this;
    }

    public byte[] build() {
        return out.toByteArray();
    }
}
