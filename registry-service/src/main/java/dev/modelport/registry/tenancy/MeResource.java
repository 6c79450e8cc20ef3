package dev.modelport.registry.tenancy;

import dev.modelport.registry.org.OrgKind;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.Set;
import java.util.TreeSet;

/** Who the API thinks you are: the console adapts to this, and it helps when a token is set up wrongly. */
@Path("/api/v1/me")
public class MeResource {

    public record MeResponse(String subject, String username, Set<String> roles, String org, OrgKind orgKind,
                             Set<String> jurisdictions) {
    }

    @Inject
    CallerResolver callers;

    @GET
    @Authenticated
    public MeResponse me() {
        Caller caller = callers.current();
        return new MeResponse(caller.subject(), caller.username(), new TreeSet<>(caller.roles()),
                caller.org().map(o -> o.slug()).orElse(null), caller.org().map(o -> o.kind()).orElse(null),
                caller.org().map(o -> (Set<String>) new TreeSet<>(o.jurisdictions())).orElse(Set.of()));
    }
}
