package dev.modelport.registry.audit;

import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.tenancy.CallerResolver;
import dev.modelport.registry.tenancy.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** The audit trail: history per object for those who may read the object, chain verification for overseers. */
@Path("/api/v1/audit")
public class AuditResource {

    @Inject
    AuditAnchoring anchoring;

    @Inject
    AuditService service;

    @Inject
    CallerResolver callers;

    @GET
    @Path("/events")
    @Authenticated
    public Page<AuditEventView> events(@QueryParam("object") String object, @QueryParam("cursor") String cursor,
                                       @QueryParam("limit") Integer limit) {
        return service.list(callers.current(), object, cursor, Cursor.limit(limit));
    }

    @GET
    @Path("/verify")
    @RolesAllowed({Roles.ADMIN, Roles.REGULATOR})
    public AuditService.Verification verify() {
        return service.verify();
    }

    /** The newest anchor of the audit chain in the transparency log (404 before the first one). */
    @GET
    @Path("/anchors/latest")
    @RolesAllowed({Roles.ADMIN, Roles.REGULATOR})
    public AuditAnchoring.Anchor latestAnchor() {
        return anchoring.latest().orElseThrow(() -> DomainException.notFound("an audit anchor"));
    }
}
