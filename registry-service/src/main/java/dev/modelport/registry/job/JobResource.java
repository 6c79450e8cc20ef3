package dev.modelport.registry.job;

import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.tenancy.CallerResolver;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;

/** Long jobs and their progress: state, percent, bytes per second and errors. */
@Path("/api/v1/jobs")
@Authenticated
public class JobResource {

    @Inject
    JobService jobs;

    @Inject
    CallerResolver callers;

    @Inject
    OrgService orgs;

    /** The jobs of {@code owner}, newest first; by default the caller's own organisation's. */
    @GET
    public Page<JobView> list(@QueryParam("owner") String owner, @QueryParam("cursor") String cursor,
                              @QueryParam("limit") Integer limit) {
        var org = owner == null ? callers.requireOrg() : orgs.get(owner);
        return jobs.list(callers.current(), org, cursor, Cursor.limit(limit));
    }

    @GET
    @Path("/{id}")
    public JobView get(@PathParam("id") UUID id) {
        return jobs.get(callers.current(), id);
    }
}
