package dev.modelport.gguf.format;

/**
 * Caps that keep a hostile header from making the parser allocate or loop without bound. Every
 * count and length is also checked against the bytes left in the file, so allocation never
 * exceeds a small multiple of the header's real size; these caps bound that size itself.
 * The defaults hold every public model we know of (a 256k-token vocabulary header is about 10 MB).
 */
public final class ReadLimits {
    private static final ReadLimits DEFAULTS = builder().build();

    private final long maxHeaderBytes;
    private final int maxStringBytes;
    private final int maxArrayLength;
    private final int maxArrayDepth;
    private final long maxTensorCount;
    private final long maxKvCount;

    private ReadLimits(Builder b) {
        this.maxHeaderBytes = b.maxHeaderBytes;
        this.maxStringBytes = b.maxStringBytes;
        this.maxArrayLength = b.maxArrayLength;
        this.maxArrayDepth = b.maxArrayDepth;
        this.maxTensorCount = b.maxTensorCount;
        this.maxKvCount = b.maxKvCount;
    }

    public static ReadLimits defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Largest header (magic through tensor infos) we parse. */
    public long maxHeaderBytes() {
        return maxHeaderBytes;
    }

    public int maxStringBytes() {
        return maxStringBytes;
    }

    public int maxArrayLength() {
        return maxArrayLength;
    }

    /** Deepest nesting of arrays; guards the recursive parser's stack. */
    public int maxArrayDepth() {
        return maxArrayDepth;
    }

    public long maxTensorCount() {
        return maxTensorCount;
    }

    public long maxKvCount() {
        return maxKvCount;
    }

    public static final class Builder {
        private long maxHeaderBytes = 64L << 20;
        private int maxStringBytes = 16 << 20;
        private int maxArrayLength = 16 << 20;
        private int maxArrayDepth = 8;
        private long maxTensorCount = 1 << 20;
        private long maxKvCount = 1 << 16;

        private Builder() {
        }

        public Builder maxHeaderBytes(long v) {
            this.maxHeaderBytes = positive(v);
            return this;
        }

        public Builder maxStringBytes(int v) {
            this.maxStringBytes = (int) positive(v);
            return this;
        }

        public Builder maxArrayLength(int v) {
            this.maxArrayLength = (int) positive(v);
            return this;
        }

        public Builder maxArrayDepth(int v) {
            this.maxArrayDepth = (int) positive(v);
            return this;
        }

        public Builder maxTensorCount(long v) {
            this.maxTensorCount = positive(v);
            return this;
        }

        public Builder maxKvCount(long v) {
            this.maxKvCount = positive(v);
            return this;
        }

        public ReadLimits build() {
            return new ReadLimits(this);
        }

        private static long positive(long v) {
            if (v <= 0) {
                throw new IllegalArgumentException("limit must be positive: " + v);
            }
            return v;
        }
    }
}
