package dev.modelport.gguf.format;

/** A half-open byte range {@code [offset, offset + length)} within a file. */
public record ByteRange(long offset, long length) {
    public ByteRange {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative range " + offset + "+" + length);
        }
    }

    public long end() {
        return offset + length;
    }

    /** An HTTP Range header value for this range, e.g. {@code bytes=100-199}. */
    public String httpRange() {
        return "bytes=" + offset + "-" + (end() - 1);
    }
}
