package dev.modelport.registry.licensing;

import dev.modelport.registry.audit.AuditLog;
import dev.modelport.registry.catalog.ModelRef;
import dev.modelport.registry.catalog.ModelService;
import dev.modelport.registry.catalog.VersionRef;
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
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Purchases and the entitlements they create. Holders see their entitlements, grantors (vendors) see who holds
 * entitlements to their models, regulators see those of holders in their jurisdictions, admins see all.
 */
@ApplicationScoped
public class EntitlementService {

    /** Which entitlements a list shows: held by the caller's organisation, granted by it, or both. */
    public enum Side {
        HOLDER, GRANTOR, BOTH
    }

    @Inject
    EntitlementRepository entitlements;

    @Inject
    OrderRepository orders;

    @Inject
    OfferRepository offers;

    @Inject
    OfferService offerService;

    @Inject
    ModelService models;

    @Inject
    OrgService orgs;

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    /** Buys an offer for {@code buyer}: an order with the amounts owed, and an entitlement for the offer's term. */
    @Transactional
    public EntitlementView purchase(Caller caller, OrgView buyer, UUID offerId) {
        access.requireWrite(caller, buyer);
        OfferEntity offer = offerService.load(caller, offerId);
        ModelRef model = models.ref(offer.modelId);
        Instant now = Instant.now();
        if (model.owner().id().equals(buyer.id())) {
            throw new DomainException(ErrorCode.OFFER_NOT_AVAILABLE, "your organisation owns " + model.fullName()
                    + " already and needs no licence for it");
        }
        if (offer.status != OfferStatus.ACTIVE) {
            throw new DomainException(ErrorCode.OFFER_NOT_AVAILABLE, "offer " + offerId + " was withdrawn");
        }
        if (!now.isBefore(offer.termEnd)) {
            throw new DomainException(ErrorCode.OFFER_NOT_AVAILABLE, "offer " + offerId + " ended at "
                    + offer.termEnd);
        }
        if (entitlements.holdsActive(buyer.id(), offer.id)) {
            throw new DomainException(ErrorCode.ALREADY_ENTITLED, "organisation '" + buyer.slug()
                    + "' holds an active entitlement from offer " + offerId + " already");
        }
        OrderEntity order = new OrderEntity();
        order.id = UUID.randomUUID();
        order.offerId = offer.id;
        order.buyerId = buyer.id();
        order.sellerId = model.owner().id();
        order.fee = offer.fee;
        order.royaltyPerActivation = offer.royaltyPerActivation;
        order.currency = offer.currency;
        order.orderedBy = caller.username();
        order.createdAt = now;
        orders.persist(order);
        EntitlementEntity entitlement = new EntitlementEntity();
        entitlement.id = UUID.randomUUID();
        entitlement.offerId = offer.id;
        entitlement.orderId = order.id;
        entitlement.holderId = buyer.id();
        entitlement.grantorId = model.owner().id();
        entitlement.stored = EntitlementEntity.Stored.ACTIVE;
        entitlement.validFrom = offer.termStart.isAfter(now) ? offer.termStart : now;
        entitlement.validUntil = offer.termEnd;
        entitlement.deviceCap = offer.deviceCap;
        entitlement.createdAt = now;
        entitlements.persist(entitlement);
        entitlements.flush();
        EntitlementView view = view(entitlement, offer, order, model);
        audit.record(caller, buyer, "offer.purchased", "entitlement", entitlement.id.toString(), null, view);
        return view;
    }

    @Transactional
    public Page<EntitlementView> list(Caller caller, Side side, String cursor, int limit) {
        List<UUID> holders = List.of();
        List<UUID> grantors = List.of();
        if (!caller.isAdmin()) {
            OrgView org = caller.org().orElse(null);
            if (org == null) {
                return new Page<>(List.of(), null);
            }
            if (side != Side.GRANTOR) {
                holders = caller.isRegulator()
                        ? orgs.idsInJurisdictions(Set.copyOf(org.jurisdictions())) : List.of(org.id());
            }
            if (side != Side.HOLDER && !caller.isRegulator()) {
                grantors = List.of(org.id());
            }
        }
        List<EntitlementEntity> rows = entitlements.page(Cursor.afterId(cursor), caller.isAdmin(), holders, grantors,
                limit + 1);
        return Page.of(rows, limit, e -> e.id.toString()).map(this::view);
    }

    @Transactional
    public EntitlementView get(Caller caller, UUID id) {
        return view(readable(caller, id));
    }

    /** Ends an entitlement early; its grantor or its holder may. */
    @Transactional
    public EntitlementView terminate(Caller caller, UUID id) {
        EntitlementEntity entitlement = readable(caller, id);
        OrgView holder = orgs.get(entitlement.holderId);
        OrgView grantor = orgs.get(entitlement.grantorId);
        if (!caller.belongsTo(holder) && !caller.belongsTo(grantor)) {
            throw DomainException.forbidden("only the holder or the grantor may terminate an entitlement");
        }
        if (entitlement.stored == EntitlementEntity.Stored.TERMINATED) {
            throw new DomainException(ErrorCode.INVALID_TRANSITION, "entitlement " + id + " is terminated already");
        }
        EntitlementView before = view(entitlement);
        entitlement.stored = EntitlementEntity.Stored.TERMINATED;
        entitlement.terminatedAt = Instant.now();
        EntitlementView after = view(entitlement);
        audit.record(caller, holder, "entitlement.terminated", "entitlement", id.toString(), before, after);
        return after;
    }

    /**
     * The licence under which {@code holder} may use {@code parent} for work that needs {@code right}, at this
     * moment. Refused with LICENCE_REQUIRED and a detail that names the missing licence and why what the holder
     * has does not cover it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Licence requireCoverage(OrgView holder, VersionRef parent, Right right, String purpose) {
        Instant now = Instant.now();
        List<EntitlementEntity> held = entitlements.heldFor(holder.id(), parent.model().id());
        String missing = "a licence from '" + parent.model().owner().slug() + "' for " + parent.fullName()
                + " that allows " + right.words();
        String why = null;
        for (EntitlementEntity e : held) {
            OfferEntity offer = offers.findById(e.offerId);
            if (!offer.covers(parent.version())) {
                why = why != null ? why : "offer '" + offer.title + "' covers versions " + range(offer)
                        + ", not " + parent.version();
            } else if (!offer.allows(right)) {
                why = "offer '" + offer.title + "' (entitlement " + e.id + ") does not allow " + right.words();
            } else if (e.status(now) == EntitlementStatus.TERMINATED) {
                why = "entitlement " + e.id + " from offer '" + offer.title + "' was terminated at "
                        + e.terminatedAt;
            } else if (e.status(now) == EntitlementStatus.EXPIRED) {
                why = "entitlement " + e.id + " from offer '" + offer.title + "' expired at " + e.validUntil;
            } else if (now.isBefore(e.validFrom)) {
                why = "entitlement " + e.id + " from offer '" + offer.title + "' starts only at " + e.validFrom;
            } else {
                return new Licence(e.id, parent.model().owner().slug(), offer.title, offer.spdxId,
                        offer.licenceTextDigest);
            }
        }
        if (why == null) {
            why = "organisation '" + holder.slug() + "' holds no entitlement for " + parent.model().fullName();
        }
        throw new DomainException(ErrorCode.LICENCE_REQUIRED, purpose + " needs " + missing + ": " + why
                + availableOffers(parent, right));
    }

    /** An entitlement by id, for dossiers; no tenancy check (the caller applies its own). */
    @Transactional
    public java.util.Optional<EntitlementView> find(UUID id) {
        return entitlements.findByIdOptional(id).map(this::view);
    }

    /** Licence details of an entitlement recorded on a lineage edge. */
    @Transactional
    public Licence licence(UUID entitlementId) {
        EntitlementEntity e = entitlements.findById(entitlementId);
        OfferEntity offer = offers.findById(e.offerId);
        return new Licence(e.id, orgs.get(e.grantorId).slug(), offer.title, offer.spdxId, offer.licenceTextDigest);
    }

    private String availableOffers(VersionRef parent, Right right) {
        String ids = offers.active().stream()
                .filter(o -> o.modelId.equals(parent.model().id()) && o.covers(parent.version()) && o.allows(right))
                .filter(o -> Instant.now().isBefore(o.termEnd))
                .map(o -> o.id + " ('" + o.title + "')").collect(Collectors.joining(", "));
        return ids.isEmpty() ? "" : ". Offers that would cover it: " + ids;
    }

    private EntitlementEntity readable(Caller caller, UUID id) {
        EntitlementEntity e = entitlements.findById(id);
        if (e == null) {
            throw DomainException.notFound("entitlement " + id);
        }
        OrgView holder = orgs.get(e.holderId);
        if (caller.belongsTo(orgs.get(e.grantorId))) {
            return e;
        }
        try {
            access.requireRead(caller, holder);
        } catch (DomainException hidden) {
            throw DomainException.notFound("entitlement " + id);
        }
        return e;
    }

    private static String range(OfferEntity offer) {
        return offer.from() + (offer.to() == null ? " and later" : " to " + offer.to());
    }

    private EntitlementView view(EntitlementEntity e) {
        OfferEntity offer = offers.findById(e.offerId);
        return view(e, offer, orders.findById(e.orderId), models.ref(offer.modelId));
    }

    private EntitlementView view(EntitlementEntity e, OfferEntity offer, OrderEntity order, ModelRef model) {
        EntitlementView.OrderView orderView = new EntitlementView.OrderView(order.id, Money.format(order.fee),
                Money.format(order.royaltyPerActivation), order.currency, order.orderedBy, order.createdAt);
        return new EntitlementView(e.id, offer.id, offer.title, model.fullName(), OfferService.range(offer),
                orgs.get(e.holderId).slug(), orgs.get(e.grantorId).slug(), e.status(Instant.now()), e.validFrom,
                e.validUntil, OfferService.allows(offer), e.deviceCap, e.activations, offer.spdxId,
                offer.licenceTextDigest, orderView, e.terminatedAt);
    }
}
