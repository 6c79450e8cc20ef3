package dev.modelport.registry.build;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read access to builds for other features (releases, dossiers). No tenancy check: callers apply their own. */
@ApplicationScoped
public class BuildCatalog {

    @Inject
    BuildRepository builds;

    @Transactional
    public Optional<BuildView> find(UUID id) {
        return builds.findByIdOptional(id).map(BuildView::of);
    }

    /** Builds whose output is the blob {@code digest} ({@code sha256:<hex>}); the same bytes may serve several. */
    @Transactional
    public List<BuildView> withOutput(String digest) {
        return builds.withOutput(digest).stream().map(BuildView::of).toList();
    }

    @Transactional
    public List<BuildView> ofVersion(UUID versionId) {
        return builds.ofVersion(versionId).stream().map(BuildView::of).toList();
    }
}
