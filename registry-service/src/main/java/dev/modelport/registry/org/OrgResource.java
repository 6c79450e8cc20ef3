package dev.modelport.registry.org;

import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.tenancy.CallerResolver;
import dev.modelport.registry.tenancy.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Organisations are the tenants. Their directory entries are public to signed-in users; admins manage them. */
@Path("/api/v1/orgs")
public class OrgResource {

    static final String SLUG = "^[a-z0-9][a-z0-9-]{1,63}$";
    static final String JURISDICTION = "^[A-Z]{2}$";

    public record CreateOrgRequest(
            @NotBlank @Pattern(regexp = SLUG, message = "must be 2-64 lowercase letters, digits or dashes") String slug,
            @NotBlank @Size(max = 200) String name,
            @NotNull OrgKind kind,
            @NotNull @Size(max = 50) List<@NotNull @Pattern(regexp = JURISDICTION,
                    message = "must be an ISO 3166-1 alpha-2 code such as CN or EU") String> jurisdictions) {
    }

    public record UpdateOrgRequest(
            @NotBlank @Size(max = 200) String name,
            @NotNull @Size(max = 50) List<@NotNull @Pattern(regexp = JURISDICTION,
                    message = "must be an ISO 3166-1 alpha-2 code such as CN or EU") String> jurisdictions) {
    }

    public record OrgResponse(String slug, String name, OrgKind kind, Set<String> jurisdictions, Instant createdAt) {
        static OrgResponse of(OrgView org) {
            return new OrgResponse(org.slug(), org.name(), org.kind(), new TreeSet<>(org.jurisdictions()),
                    org.createdAt());
        }
    }

    @Inject
    OrgService service;

    @Inject
    CallerResolver callers;

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@Valid @NotNull CreateOrgRequest request) {
        OrgView org = service.create(callers.current(), request.slug(), request.name(), request.kind(),
                Set.copyOf(request.jurisdictions()));
        return Response.created(URI.create("/api/v1/orgs/" + org.slug())).entity(OrgResponse.of(org)).build();
    }

    @GET
    @Authenticated
    public Page<OrgResponse> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.list(cursor, Cursor.limit(limit)).map(OrgResponse::of);
    }

    @GET
    @Path("/{slug}")
    @Authenticated
    public OrgResponse get(@PathParam("slug") String slug) {
        return OrgResponse.of(service.get(slug));
    }

    @PUT
    @Path("/{slug}")
    @RolesAllowed(Roles.ADMIN)
    public OrgResponse update(@PathParam("slug") String slug, @Valid @NotNull UpdateOrgRequest request) {
        return OrgResponse.of(service.update(callers.current(), slug, request.name(), Set.copyOf(request.jurisdictions())));
    }
}
