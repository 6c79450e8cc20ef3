package dev.modelport.registry.licensing;

import dev.modelport.registry.blob.Sha256Digest;
import dev.modelport.registry.catalog.SemVer;
import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
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

/**
 * The licence marketplace, on a model: its vendor publishes offers, readers of the model list them. Buying, and the
 * entitlements that follow, are under {@code /api/v1/offers} and {@code /api/v1/entitlements}.
 */
@Path("/api/v1/models/{owner}/{model}/offers")
public class ModelOfferResource {

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
    CallerResolver callers;

    @POST
    @RolesAllowed(Roles.VENDOR)
    public Response create(@PathParam("owner") String owner, @PathParam("model") String model,
                           @Valid @NotNull CreateOfferRequest request) {
        OfferView offer = offers.create(callers.current(), owner, model, request.draft());
        return Response.created(URI.create("/api/v1/offers/" + offer.id())).entity(offer).build();
    }

    @GET
    @Authenticated
    public Page<OfferView> list(@PathParam("owner") String owner, @PathParam("model") String model,
                                @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return offers.list(callers.current(), owner, model, cursor, Cursor.limit(limit));
    }
}
