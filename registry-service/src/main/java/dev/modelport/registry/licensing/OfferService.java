package dev.modelport.registry.licensing;

import dev.modelport.registry.audit.AuditLog;
import dev.modelport.registry.catalog.ModelRef;
import dev.modelport.registry.catalog.ModelService;
import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.tenancy.AccessPolicy;
import dev.modelport.registry.tenancy.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/** Vendors' licence offers on their models. An offer is readable by whoever may read its model. */
@ApplicationScoped
public class OfferService {

    @Inject
    OfferRepository offers;

    @Inject
    ModelService models;

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    @Transactional
    public OfferView create(Caller caller, String owner, String model, OfferDraft draft) {
        ModelRef ref = models.writable(caller, owner, model);
        if (draft.to() != null && draft.to().compareTo(draft.from()) < 0) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "versions.to " + draft.to()
                    + " is before versions.from " + draft.from());
        }
        if (!draft.termEnd().isAfter(draft.termStart())) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "termEnd must be after termStart");
        }
        if ((draft.spdxId() == null) == (draft.licenceTextDigest() == null)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED,
                    "state the licence either as spdxId (an open licence) or as licenceTextDigest (a custom text)");
        }
        if (draft.spdxId() != null && draft.spdxId().startsWith("LicenseRef-")) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED,
                    "a LicenseRef- identifier is a custom licence: give its text's licenceTextDigest instead");
        }
        OfferEntity offer = new OfferEntity();
        offer.id = UUID.randomUUID();
        offer.modelId = ref.id();
        offer.title = draft.title();
        offer.fromMajor = draft.from().major();
        offer.fromMinor = draft.from().minor();
        offer.fromPatch = draft.from().patch();
        if (draft.to() != null) {
            offer.toMajor = draft.to().major();
            offer.toMinor = draft.to().minor();
            offer.toPatch = draft.to().patch();
        }
        offer.allowFineTuning = draft.fineTuning();
        offer.allowQuantization = draft.quantization();
        offer.allowDistribution = draft.deviceDistribution();
        offer.deviceCap = draft.deviceCap();
        offer.territories = new TreeSet<>(draft.territories());
        offer.termStart = draft.termStart();
        offer.termEnd = draft.termEnd();
        offer.fee = draft.fee();
        offer.royaltyPerActivation = draft.royaltyPerActivation();
        offer.currency = draft.currency();
        offer.attribution = draft.attribution();
        offer.spdxId = draft.spdxId();
        offer.licenceTextDigest = draft.licenceTextDigest();
        offer.status = OfferStatus.ACTIVE;
        offer.createdAt = Instant.now();
        offer.updatedAt = offer.createdAt;
        offers.persistAndFlush(offer);
        OfferView view = view(offer, ref);
        audit.record(caller, ref.owner(), "offer.created", "offer", offer.id.toString(), null, view);
        return view;
    }

    @Transactional
    public Page<OfferView> list(Caller caller, String owner, String model, String cursor, int limit) {
        ModelRef ref = models.readable(caller, owner, model);
        boolean withWithdrawn = caller.belongsTo(ref.owner()) || caller.isAdmin();
        List<OfferEntity> rows = offers.page(ref.id(), Cursor.afterId(cursor), withWithdrawn, limit + 1);
        return Page.of(rows, limit, o -> o.id.toString()).map(o -> view(o, ref));
    }

    @Transactional
    public OfferView get(Caller caller, UUID id) {
        OfferEntity offer = load(caller, id);
        return view(offer, models.ref(offer.modelId));
    }

    @Transactional
    public OfferView withdraw(Caller caller, UUID id) {
        OfferEntity offer = load(caller, id);
        ModelRef ref = models.ref(offer.modelId);
        access.requireWrite(caller, ref.owner());
        if (offer.status != OfferStatus.ACTIVE) {
            throw new DomainException(ErrorCode.INVALID_TRANSITION, "offer " + id + " is withdrawn already");
        }
        OfferView before = view(offer, ref);
        offer.status = OfferStatus.WITHDRAWN;
        offer.updatedAt = Instant.now();
        OfferView after = view(offer, ref);
        audit.record(caller, ref.owner(), "offer.withdrawn", "offer", id.toString(), before, after);
        return after;
    }

    /** The offer, if its model is readable by the caller; others' private offers do not exist for the caller. */
    OfferEntity load(Caller caller, UUID id) {
        OfferEntity offer = offers.findById(id);
        if (offer == null) {
            throw DomainException.notFound("offer " + id);
        }
        try {
            models.requireReadable(caller, models.ref(offer.modelId));
        } catch (DomainException hidden) {
            throw DomainException.notFound("offer " + id);
        }
        return offer;
    }

    static OfferView view(OfferEntity o, ModelRef model) {
        return new OfferView(o.id, model.fullName(), o.title, range(o), allows(o), o.deviceCap,
                List.copyOf(new TreeSet<>(o.territories)), o.termStart, o.termEnd, Money.format(o.fee),
                Money.format(o.royaltyPerActivation), o.currency, o.attribution, o.spdxId, o.licenceTextDigest,
                o.status, o.createdAt);
    }

    static OfferView.VersionRange range(OfferEntity o) {
        return new OfferView.VersionRange(o.from().toString(), o.to() == null ? null : o.to().toString());
    }

    static OfferView.Allows allows(OfferEntity o) {
        return new OfferView.Allows(o.allowFineTuning, o.allowQuantization, o.allowDistribution);
    }

}
