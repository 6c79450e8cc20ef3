package dev.modelport.registry.metering;

import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.tenancy.CallerResolver;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Licence metering: activations of an entitlement, and a vendor's royalty statement for a month (UTC). */
@Path("/api/v1/metering")
@Authenticated
public class MeteringResource {

    @Inject
    MeteringService metering;

    @Inject
    CallerResolver callers;

    @Inject
    OrgService orgs;

    @GET
    @Path("/entitlements/{id}/activations")
    public MeteringService.Activations activations(@PathParam("id") UUID id, @QueryParam("period") String period) {
        return metering.activations(callers.current(), id, period(period));
    }

    @GET
    @Path("/royalty-statements")
    public MeteringService.RoyaltyStatement statement(@QueryParam("grantor") String grantor,
                                                      @QueryParam("period") String period) {
        return metering.statement(callers.current(), grantor == null ? callers.requireOrg() : orgs.get(grantor),
                period(period));
    }

    private static YearMonth period(String text) {
        if (text == null) {
            return YearMonth.now(ZoneOffset.UTC);
        }
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "period must be a month such as 2026-11");
        }
    }
}
