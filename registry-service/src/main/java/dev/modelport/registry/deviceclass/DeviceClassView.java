package dev.modelport.registry.deviceclass;

import java.time.Instant;

public record DeviceClassView(String slug, DeviceClassSpec spec, Instant createdAt, Instant updatedAt) {

    /** Whether a model needing {@code bytes} of RAM (weights plus KV cache) fits this class's budget. */
    public boolean fits(long bytes) {
        return bytes <= spec.memoryBudgetBytes();
    }
}
