package dev.modelport.registry.catalog;

import java.util.List;

/** The caller-supplied, editable-while-draft fields of a version. */
public record VersionDraft(String modelCard, String trainingData, List<Artifact> artifacts) {

    public VersionDraft {
        artifacts = List.copyOf(artifacts);
    }

    public record Artifact(String digest, String fileName) {
    }
}
