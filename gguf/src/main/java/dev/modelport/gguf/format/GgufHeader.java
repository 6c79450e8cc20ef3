package dev.modelport.gguf.format;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything in a GGUF file before the tensor data, plus where that data lies. A validated header
 * guarantees that every tensor's bytes are inside the file, aligned, and disjoint from every
 * other tensor's.
 */
public final class GgufHeader {
    private final int version;
    private final GgufMetadata metadata;
    private final List<GgufTensorInfo> tensors;
    private final Map<String, GgufTensorInfo> byName;
    private final long dataOffset;
    private final long fileSize;

    GgufHeader(int version, GgufMetadata metadata, List<GgufTensorInfo> tensors, long dataOffset, long fileSize) {
        this.version = version;
        this.metadata = metadata;
        this.tensors = List.copyOf(tensors);
        Map<String, GgufTensorInfo> map = new LinkedHashMap<>();
        for (GgufTensorInfo t : tensors) {
            map.put(t.name(), t);
        }
        this.byName = Collections.unmodifiableMap(map);
        this.dataOffset = dataOffset;
        this.fileSize = fileSize;
    }

    public int version() {
        return version;
    }

    public GgufMetadata metadata() {
        return metadata;
    }

    public int alignment() {
        return metadata.alignment();
    }

    /** Tensors in the order of the file's tensor info table. */
    public List<GgufTensorInfo> tensors() {
        return tensors;
    }

    public Optional<GgufTensorInfo> tensor(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Absolute file offset of the tensor data section (the end of the padded header). */
    public long dataOffset() {
        return dataOffset;
    }

    public long fileSize() {
        return fileSize;
    }

    /** Where a tensor's bytes are in the file, absolute; for ranged downloads. */
    public ByteRange rangeOf(GgufTensorInfo tensor) {
        return new ByteRange(dataOffset + tensor.offset(), tensor.byteSize());
    }

    /** Sum of all tensors' data bytes (without padding). */
    public long tensorBytes() {
        long sum = 0;
        for (GgufTensorInfo t : tensors) {
            sum += t.byteSize();
        }
        return sum;
    }
}
