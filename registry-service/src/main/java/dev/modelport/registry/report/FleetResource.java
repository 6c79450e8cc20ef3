package dev.modelport.registry.report;

import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.tenancy.CallerResolver;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;

/** Fleet views of an OEM (by default the caller's organisation), under the tenancy rule. */
@Path("/api/v1/fleet")
@Authenticated
public class FleetResource {

    @Inject
    FleetService fleet;

    @Inject
    CallerResolver callers;

    @Inject
    OrgService orgs;

    @GET
    public FleetService.FleetSummary summary(@QueryParam("owner") String owner) {
        return fleet.summary(callers.current(), owner == null ? callers.requireOrg() : orgs.get(owner));
    }

    @GET
    @Path("/failures")
    public List<FleetService.FailureReason> failures(@QueryParam("owner") String owner,
                                                     @QueryParam("rollout") UUID rollout,
                                                     @QueryParam("limit") Integer limit) {
        return fleet.failures(callers.current(), owner == null ? callers.requireOrg() : orgs.get(owner), rollout,
                Cursor.limit(limit));
    }
}
