package dev.modelport.gguf.format;

import java.util.Objects;

/**
 * One entry of the GGUF tensor info table ({@code gguf_tensor_info_t}).
 *
 * @param name     at most 63 UTF-8 bytes ({@code GGML_MAX_NAME} is 64 with the terminator)
 * @param type     element type
 * @param shape    dimensions, innermost first
 * @param offset   position of the first byte relative to the start of the tensor data section
 * @param byteSize number of data bytes, derived from type and shape
 */
public record GgufTensorInfo(String name, GgmlType type, TensorShape shape, long offset, long byteSize) {
    public static final int MAX_NAME_BYTES = 63;

    public GgufTensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(shape, "shape");
    }

    /** Creates the info, computing {@code byteSize} from type and shape. */
    public static GgufTensorInfo of(String name, GgmlType type, TensorShape shape, long offset) throws GgufFormatException {
        return new GgufTensorInfo(name, type, shape, offset, type.byteSize(shape));
    }

    public long elementCount() {
        return shape.elementCount();
    }
}
