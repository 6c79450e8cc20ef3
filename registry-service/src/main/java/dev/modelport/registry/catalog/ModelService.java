package dev.modelport.registry.catalog;

import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.tenancy.AccessPolicy;
import dev.modelport.registry.tenancy.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class ModelService {

    private static final UUID FIRST = new UUID(0, 0);

    @Inject
    ModelRepository models;

    @Inject
    OrgService orgs;

    @Inject
    AccessPolicy access;

    @Transactional
    public ModelView create(Caller caller, OrgView owner, String slug, ModelDraft draft) {
        access.requireWrite(caller, owner);
        if (models.find(owner.id(), slug).isPresent()) {
            throw new DomainException(ErrorCode.DUPLICATE_SLUG,
                    "model '" + owner.slug() + "/" + slug + "' exists already");
        }
        ModelEntity model = new ModelEntity();
        model.id = UUID.randomUUID();
        model.ownerId = owner.id();
        model.slug = slug;
        model.createdAt = Instant.now();
        apply(model, draft);
        models.persistAndFlush(model);
        return view(model, owner);
    }

    @Transactional
    public ModelView update(Caller caller, String ownerSlug, String slug, ModelDraft draft) {
        OrgView owner = orgs.get(ownerSlug);
        ModelEntity model = load(owner, slug);
        access.requireWrite(caller, owner);
        apply(model, draft);
        return view(model, owner);
    }

    @Transactional
    public ModelView get(Caller caller, String ownerSlug, String slug) {
        OrgView owner = orgs.get(ownerSlug);
        ModelEntity model = load(owner, slug);
        if (model.visibility == Visibility.PRIVATE) {
            access.requireRead(caller, owner);
        }
        return view(model, owner);
    }

    @Transactional
    public Page<ModelView> list(Caller caller, Optional<String> ownerSlug, Optional<String> text,
                                Optional<String> architecture, String cursor, int limit) {
        Optional<UUID> ownerId = ownerSlug.map(s -> orgs.get(s).id());
        ModelQuery query = new ModelQuery(after(cursor), ownerId, text, architecture);
        List<ModelEntity> rows = models.visiblePage(query, caller.isAdmin(), privateOwnersVisibleTo(caller),
                limit + 1);
        return Page.of(rows, limit, m -> m.id.toString()).map(m -> view(m, orgs.get(m.ownerId)));
    }

    private List<UUID> privateOwnersVisibleTo(Caller caller) {
        if (caller.org().isEmpty()) {
            return List.of();
        }
        OrgView org = caller.org().get();
        if (caller.isRegulator()) {
            return orgs.idsInJurisdictions(Set.copyOf(org.jurisdictions()));
        }
        return List.of(org.id());
    }

    private ModelEntity load(OrgView owner, String slug) {
        return models.find(owner.id(), slug)
                .orElseThrow(() -> DomainException.notFound("model '" + owner.slug() + "/" + slug + "'"));
    }

    private static UUID after(String cursor) {
        String key = Cursor.decode(cursor);
        try {
            return key.isEmpty() ? FIRST : UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.BAD_CURSOR, "cursor '" + cursor + "' was not issued by this API");
        }
    }

    private static void apply(ModelEntity model, ModelDraft draft) {
        model.name = draft.name();
        model.kind = draft.kind();
        model.architecture = draft.architecture();
        model.parameterCount = draft.parameterCount();
        model.contextLength = draft.contextLength();
        model.visibility = draft.visibility();
        model.description = draft.description();
        model.updatedAt = Instant.now();
    }

    private static ModelView view(ModelEntity m, OrgView owner) {
        return new ModelView(owner.slug(), m.slug, m.name, m.kind, m.architecture, m.parameterCount,
                m.contextLength, m.visibility, m.description, m.createdAt, m.updatedAt);
    }
}
