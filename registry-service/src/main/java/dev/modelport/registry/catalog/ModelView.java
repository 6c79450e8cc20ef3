package dev.modelport.registry.catalog;

import java.time.Instant;

/** A model line as the API shows it, named {@code owner/slug}. */
public record ModelView(String owner, String slug, String name, ModelKind kind, String architecture,
                        long parameterCount, int contextLength, Visibility visibility, String description,
                        Instant createdAt, Instant updatedAt) {

    public String fullName() {
        return owner + "/" + slug;
    }
}
