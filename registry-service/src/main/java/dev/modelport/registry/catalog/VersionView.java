package dev.modelport.registry.catalog;

import java.time.Instant;
import java.util.List;

/** A model version as the API shows it, named {@code owner/model@version}. */
public record VersionView(String owner, String model, String version, VersionStatus status, String modelCard,
                          String trainingData, List<ArtifactView> artifacts, Instant createdAt, Instant updatedAt,
                          Instant publishedAt) {

    public VersionView {
        artifacts = List.copyOf(artifacts);
    }

    public String fullName() {
        return owner + "/" + model + "@" + version;
    }

    /** A weight file of the version and what its GGUF header declared. */
    public record ArtifactView(String fileName, String digest, long size, String format, String architecture,
                               long tensorCount) {
    }
}
