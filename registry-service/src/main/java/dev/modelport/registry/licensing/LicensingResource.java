package dev.modelport.registry.licensing;

import dev.modelport.registry.blob.Sha256Digest;
import dev.modelport.registry.catalog.SemVer;
import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.tenancy.CallerResolver;
import dev.modelport.registry.tenancy.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The licence marketplace: vendors publish offers on their models, OEMs (and vendors) buy them, which records an
 * order and creates an entitlement. Money is recorded, never moved.
 */
@Path("/api/v1")
public class LicensingResource {

    public record VersionRangeRequest(
            @NotNull @Pattern(regexp = SemVer.PATTERN, message = "must be MAJOR.MINOR.PATCH") String from,
            @Pattern(regexp = SemVer.PATTERN, message = "must be MAJOR.MINOR.PATCH") String to) {
    }

    public record AllowsRequest(@NotNull Boolean fineTuning, @NotNull Boolean quantization,
                                @NotNull Boolean deviceDistribution) {
    }

    public record CreateOfferRequest(
            @NotBlank @Size(max = 200) String title,
            @NotNull @Valid VersionRangeRequest versions,
            @NotNull @Valid AllowsRequest allows,
            @Positive Long deviceCap,
            @NotEmpty @Size(max = 250) List<@NotNull @Pattern(regexp = "^[A-Z]{2}$",
                    message = "must be an ISO 3166-1 alpha-2 code such as CN") String> territories,
            @NotNull Instant termStart,
            @NotNull Instant termEnd,
            @NotNull @Pattern(regexp = Money.PATTERN, message = "must be a decimal amount such as 1250.00") String fee,
            @NotNull @Pattern(regexp = Money.PATTERN, message = "must be a decimal amount such as 0.05")
            String royaltyPerActivation,
            @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as USD") String currency,
            @NotNull @Size(max = 1000) String attribution,
            @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9.+-]{0,63}$", message = "must be an SPDX licence id")
            String spdxId,
            @Pattern(regexp = Sha256Digest.PATTERN, message = "must be sha256:<64 lowercase hex digits>")
            String licenceTextDigest) {

        OfferDraft draft() {
            return new OfferDraft(title, SemVer.parse(versions.from()),
                    versions.to() == null ? null : SemVer.parse(versions.to()), allows.fineTuning(),
                    allows.quantization(), allows.deviceDistribution(), deviceCap, Set.copyOf(territories),
                    termStart, termEnd, Money.parse(fee), Money.parse(royaltyPerActivation), currency, attribution,
                    spdxId, licenceTextDigest);
        }
    }

    @Inject
    OfferService offers;

    @Inject
    EntitlementService entitlements;

    @Inject
    CallerResolver callers;

    @POST
    @Path("/models/{owner}/{model}/offers")
    @RolesAllowed(Roles.VENDOR)
    public Response createOffer(@PathParam("owner") String owner, @PathParam("model") String model,
                                @Valid @NotNull CreateOfferRequest request) {
        OfferView offer = offers.create(callers.current(), owner, model, request.draft());
        return Response.created(URI.create("/api/v1/offers/" + offer.id())).entity(offer).build();
    }

    @GET
    @Path("/models/{owner}/{model}/offers")
    @Authenticated
    public Page<OfferView> listOffers(@PathParam("owner") String owner, @PathParam("model") String model,
                                      @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return offers.list(callers.current(), owner, model, cursor, Cursor.limit(limit));
    }

    @GET
    @Path("/offers/{id}")
    @Authenticated
    public OfferView getOffer(@PathParam("id") UUID id) {
        return offers.get(callers.current(), id);
    }

    @POST
    @Path("/offers/{id}/withdraw")
    @RolesAllowed(Roles.VENDOR)
    public OfferView withdraw(@PathParam("id") UUID id) {
        return offers.withdraw(callers.current(), id);
    }

    @POST
    @Path("/offers/{id}/purchase")
    @RolesAllowed({Roles.OEM, Roles.VENDOR})
    public Response purchase(@PathParam("id") UUID id) {
        EntitlementView entitlement = entitlements.purchase(callers.current(), callers.requireOrg(), id);
        return Response.created(URI.create("/api/v1/entitlements/" + entitlement.id())).entity(entitlement).build();
    }

    /** {@code side=HOLDER} (held by your organisation), {@code GRANTOR} (to your models) or {@code BOTH}. */
    @GET
    @Path("/entitlements")
    @Authenticated
    public Page<EntitlementView> listEntitlements(@QueryParam("side") String side,
                                                  @QueryParam("cursor") String cursor,
                                                  @QueryParam("limit") Integer limit) {
        return entitlements.list(callers.current(), side(side), cursor, Cursor.limit(limit));
    }

    @GET
    @Path("/entitlements/{id}")
    @Authenticated
    public EntitlementView getEntitlement(@PathParam("id") UUID id) {
        return entitlements.get(callers.current(), id);
    }

    @POST
    @Path("/entitlements/{id}/terminate")
    @RolesAllowed({Roles.OEM, Roles.VENDOR})
    public EntitlementView terminate(@PathParam("id") UUID id) {
        return entitlements.terminate(callers.current(), id);
    }

    private static EntitlementService.Side side(String side) {
        if (side == null) {
            return EntitlementService.Side.BOTH;
        }
        try {
            return EntitlementService.Side.valueOf(side.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.UNKNOWN_VALUE, "side: '" + side + "' is not one of HOLDER, "
                    + "GRANTOR, BOTH");
        }
    }
}
