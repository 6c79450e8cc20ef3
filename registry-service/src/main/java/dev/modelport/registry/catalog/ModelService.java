package dev.modelport.registry.catalog;

import dev.modelport.registry.audit.AuditLog;
import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.tenancy.AccessPolicy;
import dev.modelport.registry.tenancy.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class ModelService {

    @Inject
    ModelRepository models;

    @Inject
    OrgService orgs;

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    @Inject
    Instance<LicenceTerms.Index> licenceIndex;

    /** Everything the catalog can be searched by. Empty optionals do not filter. */
    public record Search(Optional<String> owner, Optional<String> text, Optional<String> architecture,
                         Optional<Long> minParameters, Optional<Long> maxParameters, LicenceTerms licence) {
    }

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
        ModelView view = view(model, owner);
        audit.record(caller, owner, "model.created", "model", view.fullName(), null, view);
        return view;
    }

    @Transactional
    public ModelView update(Caller caller, String ownerSlug, String slug, ModelDraft draft) {
        OrgView owner = orgs.get(ownerSlug);
        ModelEntity model = load(owner, slug);
        access.requireWrite(caller, owner);
        ModelView before = view(model, owner);
        apply(model, draft);
        ModelView after = view(model, owner);
        audit.record(caller, owner, "model.updated", "model", after.fullName(), before, after);
        return after;
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

    /** The model {@code owner/slug} if the caller may see it (public, or readable under the tenancy rule). */
    @Transactional
    public ModelRef readable(Caller caller, String ownerSlug, String slug) {
        ModelRef ref = ref(ownerSlug, slug);
        requireReadable(caller, ref);
        return ref;
    }

    /** The model {@code owner/slug}; only its owner organisation passes. */
    @Transactional
    public ModelRef writable(Caller caller, String ownerSlug, String slug) {
        ModelRef ref = ref(ownerSlug, slug);
        if (ref.visibility() == Visibility.PRIVATE) {
            access.requireRead(caller, ref.owner());
        }
        access.requireWrite(caller, ref.owner());
        return ref;
    }

    public void requireReadable(Caller caller, ModelRef model) {
        if (model.visibility() == Visibility.PRIVATE) {
            access.requireRead(caller, model.owner());
        }
    }

    @Transactional
    public ModelRef ref(String ownerSlug, String slug) {
        OrgView owner = orgs.get(ownerSlug);
        return ref(load(owner, slug), owner);
    }

    @Transactional
    public ModelRef ref(UUID id) {
        ModelEntity model = models.findByIdOptional(id)
                .orElseThrow(() -> DomainException.notFound("model " + id));
        return ref(model, orgs.get(model.ownerId));
    }

    @Transactional
    public Page<ModelView> list(Caller caller, Search search, String cursor, int limit) {
        Optional<UUID> ownerId = search.owner().map(s -> orgs.get(s).id());
        Optional<Set<UUID>> among = Optional.empty();
        if (!search.licence().isEmpty()) {
            Set<UUID> ids = new HashSet<>();
            licenceIndex.forEach(index -> ids.addAll(index.modelsOffering(search.licence())));
            if (ids.isEmpty()) {
                return new Page<>(List.of(), null);
            }
            among = Optional.of(ids);
        }
        ModelQuery query = new ModelQuery(Cursor.afterId(cursor), ownerId, search.text(), search.architecture(),
                search.minParameters(), search.maxParameters(), among);
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

    static ModelRef ref(ModelEntity m, OrgView owner) {
        return new ModelRef(m.id, owner, m.slug, m.kind, m.visibility);
    }

    private static ModelView view(ModelEntity m, OrgView owner) {
        return new ModelView(owner.slug(), m.slug, m.name, m.kind, m.architecture, m.parameterCount,
                m.contextLength, m.visibility, m.description, m.createdAt, m.updatedAt);
    }
}
