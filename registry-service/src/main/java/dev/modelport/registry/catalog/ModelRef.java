package dev.modelport.registry.catalog;

import java.util.UUID;
import dev.modelport.registry.org.OrgView;

/** What other features may know of a model line to refer to it. */
public record ModelRef(UUID id, OrgView owner, String slug, ModelKind kind, Visibility visibility) {

    public String fullName() {
        return owner.slug() + "/" + slug;
    }
}
