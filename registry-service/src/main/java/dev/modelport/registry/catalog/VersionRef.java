package dev.modelport.registry.catalog;

import java.util.UUID;

/** What other features may know of a model version to refer to it: {@code owner/model@1.2.3}. */
public record VersionRef(UUID id, ModelRef model, SemVer version, VersionStatus status) {

    public String fullName() {
        return model.fullName() + "@" + version;
    }
}
