package dev.modelport.registry.blob;

import java.util.List;

/** What a weight file's header declares: format version, architecture and every tensor's name, type and shape. */
public record WeightInfo(String format, int formatVersion, String architecture, List<Tensor> tensors) {

    public WeightInfo {
        tensors = List.copyOf(tensors);
    }

    public record Tensor(String name, String type, List<Long> shape) {
        public Tensor {
            shape = List.copyOf(shape);
        }
    }
}
