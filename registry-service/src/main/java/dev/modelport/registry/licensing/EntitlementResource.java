package dev.modelport.registry.licensing;

import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.tenancy.CallerResolver;
import dev.modelport.registry.tenancy.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.Locale;
import java.util.UUID;

/** Entitlements: holders see theirs, vendors see who holds entitlements to their models. */
@Path("/api/v1/entitlements")
public class EntitlementResource {

    @Inject
    EntitlementService entitlements;

    @Inject
    CallerResolver callers;

    /** {@code side=HOLDER} (held by your organisation), {@code GRANTOR} (to your models) or {@code BOTH}. */
    @GET
    @Authenticated
    public Page<EntitlementView> list(@QueryParam("side") String side, @QueryParam("cursor") String cursor,
                                      @QueryParam("limit") Integer limit) {
        return entitlements.list(callers.current(), side(side), cursor, Cursor.limit(limit));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    public EntitlementView get(@PathParam("id") UUID id) {
        return entitlements.get(callers.current(), id);
    }

    @POST
    @Path("/{id}/terminate")
    @RolesAllowed({Roles.OEM, Roles.VENDOR})
    public EntitlementView terminate(@PathParam("id") UUID id) {
        return entitlements.terminate(callers.current(), id);
    }

    private static EntitlementService.Side side(String side) {
        if (side == null) {
            return EntitlementService.Side.BOTH;
        }
        try {
            return EntitlementService.Side.valueOf(side.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.UNKNOWN_VALUE, "side: '" + side
                    + "' is not one of HOLDER, GRANTOR, BOTH");
        }
    }
}
