package dev.modelport.registry.regulator;

import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.tenancy.CallerResolver;
import dev.modelport.registry.tenancy.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every model version filed or held in a jurisdiction, for its regulators: JSON pages, or the whole view as CSV
 * ({@code Accept: text/csv} or {@code ?format=csv}).
 */
@Path("/api/v1/jurisdictions/{code}/models")
public class JurisdictionResource {

    static final String CSV = "text/csv";

    @Inject
    JurisdictionService service;

    @Inject
    CallerResolver callers;

    @GET
    @RolesAllowed({Roles.REGULATOR, Roles.ADMIN})
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response view(@PathParam("code") String code, @QueryParam("format") String format,
                         @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit,
                         @jakarta.ws.rs.core.Context HttpHeaders headers) {
        boolean csv = "csv".equalsIgnoreCase(format) || (format == null && headers.getAcceptableMediaTypes()
                .stream().anyMatch(m -> m.isCompatible(MediaType.valueOf(CSV)) && !m.isWildcardType()));
        if (csv) {
            String body = toCsv(service.all(callers.current(), code));
            return Response.ok(body, CSV + "; charset=utf-8").header("Content-Disposition",
                    "attachment; filename=\"" + code + "-models.csv\"").build();
        }
        return Response.ok(service.page(callers.current(), code, cursor, Cursor.limit(limit)),
                MediaType.APPLICATION_JSON).build();
    }

    static String toCsv(List<JurisdictionRow> rows) {
        StringBuilder out = new StringBuilder(line(JurisdictionRow.CSV_HEADER));
        rows.forEach(r -> out.append(line(r.csvCells())));
        return out.toString();
    }

    /** RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled; lines end with CRLF. */
    private static String line(List<String> cells) {
        return cells.stream().map(c -> c.matches("(?s).*[\",\r\n].*") ? "\"" + c.replace("\"", "\"\"") + "\"" : c)
                .collect(Collectors.joining(",")) + "\r\n";
    }
}
