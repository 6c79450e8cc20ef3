package dev.modelport.gguf.format;

import java.util.Arrays;

/**
 * A tensor's dimensions in ggml order: {@code dim(0)} is the innermost (contiguous) one, so a
 * llama {@code token_embd.weight} of n_embd 64 and vocab 264 is {@code [64, 264]}. The GGUF spec
 * allows 1 to 4 dimensions ({@code GGML_MAX_DIMS}).
 */
public final class TensorShape {
    public static final int MAX_DIMS = 4;

    private final long[] dims;
    private final long elementCount;

    private TensorShape(long[] dims, long elementCount) {
        this.dims = dims;
        this.elementCount = elementCount;
    }

    /**
     * @throws GgufFormatException for 0 or more than 4 dimensions, a dimension below 1, or an
     *     element count that overflows a signed 64-bit integer
     */
    public static TensorShape of(long... dims) throws GgufFormatException {
        if (dims.length < 1 || dims.length > MAX_DIMS) {
            throw new GgufFormatException(GgufError.INVALID_SHAPE,
                    "a tensor has 1 to " + MAX_DIMS + " dimensions, not " + dims.length);
        }
        long count = 1;
        for (long d : dims) {
            if (d < 1) {
                throw new GgufFormatException(GgufError.INVALID_SHAPE, "dimension " + Long.toUnsignedString(d) + " is not positive");
            }
            try {
                count = Math.multiplyExact(count, d);
            } catch (ArithmeticException e) {
                throw new GgufFormatException(GgufError.INVALID_SHAPE,
                        "element count of " + Arrays.toString(dims) + " overflows");
            }
        }
        return new TensorShape(dims.clone(), count);
    }

    public int rank() {
        return dims.length;
    }

    public long dim(int i) {
        return dims[i];
    }

    public long[] dims() {
        return dims.clone();
    }

    public long elementCount() {
        return elementCount;
    }

    /** Number of rows: all elements divided by the innermost dimension. */
    public long rows() {
        return elementCount / dims[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorShape && Arrays.equals(dims, ((TensorShape) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
