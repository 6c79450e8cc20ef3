package dev.modelport.registry.catalog;

import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.tenancy.CallerResolver;
import dev.modelport.registry.tenancy.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The catalog of model lines, {@code owner/model}. Owners write; the tenancy rule governs private reads. */
@Path("/api/v1/models")
public class ModelResource {

    static final String SLUG = "^[a-z0-9][a-z0-9._-]{0,63}$";

    /** Body of {@code PUT}: every field of the model line except its name in the path. */
    public record ModelRequest(
            @NotBlank @Size(max = 200) String name,
            @NotNull ModelKind kind,
            @NotBlank @Size(max = 64) String architecture,
            @NotNull @Positive Long parameterCount,
            @NotNull @Positive @Max(16_777_216) Integer contextLength,
            @NotNull Visibility visibility,
            @Size(max = 4000) String description) {

        ModelDraft draft() {
            return new ModelDraft(name, kind, architecture, parameterCount, contextLength, visibility, description);
        }
    }

    /** Body of {@code POST}: the same fields plus the slug, which is fixed for life. */
    public record CreateModelRequest(
            @NotBlank @Pattern(regexp = SLUG, message = "must be 1-64 lowercase letters, digits, '.', '_' or '-'")
            String slug,
            @NotBlank @Size(max = 200) String name,
            @NotNull ModelKind kind,
            @NotBlank @Size(max = 64) String architecture,
            @NotNull @Positive Long parameterCount,
            @NotNull @Positive @Max(16_777_216) Integer contextLength,
            @NotNull Visibility visibility,
            @Size(max = 4000) String description) {

        ModelDraft draft() {
            return new ModelDraft(name, kind, architecture, parameterCount, contextLength, visibility, description);
        }
    }

    @Inject
    ModelService service;

    @Inject
    CallerResolver callers;

    @POST
    @RolesAllowed({Roles.VENDOR, Roles.OEM})
    public Response create(@Valid @NotNull CreateModelRequest request) {
        ModelView model = service.create(callers.current(), callers.requireOrg(), request.slug(),
                request.draft());
        return Response.created(URI.create("/api/v1/models/" + model.fullName())).entity(model).build();
    }

    @GET
    @Authenticated
    public Page<ModelView> list(@QueryParam("owner") String owner, @QueryParam("vendor") String vendor,
                                @QueryParam("q") @Size(max = 200) String text,
                                @QueryParam("architecture") String architecture,
                                @QueryParam("minParameters") @PositiveOrZero Long minParameters,
                                @QueryParam("maxParameters") @PositiveOrZero Long maxParameters,
                                @QueryParam("allows") List<String> allows,
                                @QueryParam("territory") @Pattern(regexp = "^[A-Z]{2}$") String territory,
                                @QueryParam("licence") @Size(max = 64) String spdxId,
                                @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        Set<Allowance> allowed = Allowance.parse(allows);
        LicenceTerms terms = new LicenceTerms(allowed.contains(Allowance.FINE_TUNING),
                allowed.contains(Allowance.QUANTIZATION), allowed.contains(Allowance.DEVICE_DISTRIBUTION),
                Optional.ofNullable(territory), Optional.ofNullable(spdxId));
        // "vendor" reads better when browsing base models; both name the owning organisation.
        ModelService.Search search = new ModelService.Search(Optional.ofNullable(owner != null ? owner : vendor),
                Optional.ofNullable(text),
                Optional.ofNullable(architecture), Optional.ofNullable(minParameters),
                Optional.ofNullable(maxParameters), terms);
        return service.list(callers.current(), search, cursor, Cursor.limit(limit));
    }

    /** Licence rights the catalog can be filtered by ({@code ?allows=FINE_TUNING&allows=QUANTIZATION}). */
    public enum Allowance {
        FINE_TUNING, QUANTIZATION, DEVICE_DISTRIBUTION;

        static Set<Allowance> parse(List<String> values) {
            Set<Allowance> parsed = EnumSet.noneOf(Allowance.class);
            for (String value : values == null ? List.<String>of() : values) {
                try {
                    parsed.add(valueOf(value));
                } catch (IllegalArgumentException e) {
                    throw new DomainException(ErrorCode.UNKNOWN_VALUE, "allows: '" + value + "' is not one of "
                            + Arrays.toString(values()));
                }
            }
            return parsed;
        }
    }

    @GET
    @Path("/{owner}/{model}")
    @Authenticated
    public ModelView get(@PathParam("owner") String owner, @PathParam("model") String model) {
        return service.get(callers.current(), owner, model);
    }

    @PUT
    @Path("/{owner}/{model}")
    @RolesAllowed({Roles.VENDOR, Roles.OEM})
    public ModelView update(@PathParam("owner") String owner, @PathParam("model") String model,
                            @Valid @NotNull ModelRequest request) {
        return service.update(callers.current(), owner, model, request.draft());
    }
}
