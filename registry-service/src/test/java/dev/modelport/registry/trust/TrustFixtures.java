package dev.modelport.registry.trust;

import dev.modelport.registry.org.OrgKind;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.support.Api;
import dev.modelport.registry.tenancy.Caller;
import dev.modelport.registry.tenancy.Roles;
import dev.modelport.signing.tuf.MetadataFetcher;
import io.restassured.RestAssured;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.Set;

/** Test data for trust tests: a fresh OEM per test, callers acting for it, and HTTP access to the device API. */
@ApplicationScoped
public class TrustFixtures {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @Inject
    OrgService orgs;

    /** A new OEM organisation, unique to the calling test. */
    public OrgView newOem() {
        Caller admin = new Caller("test-admin", "admin@modelport", Set.of(Roles.ADMIN), Optional.empty());
        return orgs.create(admin, Api.unique("oem"), "Test OEM", OrgKind.OEM, Set.of("CN"));
    }

    /** A caller acting for {@code org} with the OEM role, as a token of one of its users would resolve. */
    public static Caller member(OrgView org) {
        return new Caller("test-" + org.slug(), "tester@" + org.slug(), Set.of(Roles.OEM), Optional.of(org));
    }

    public static Caller admin() {
        return new Caller("test-admin", "admin", Set.of(Roles.ADMIN), Optional.empty());
    }

    public static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }

    /** Fetches device-API files under {@code base}, as a phone would (404 = no such file). */
    public static MetadataFetcher fetcher(String base) {
        return (path, maxLength) -> {
            try {
                HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/" + path)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 404) {
                    throw new FileNotFoundException(path);
                }
                if (r.statusCode() != 200) {
                    throw new IOException(path + ": HTTP " + r.statusCode());
                }
                return r.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        };
    }

    public static byte[] get(String path) throws IOException {
        return fetcher(baseUrl()).fetch(path.startsWith("/") ? path.substring(1) : path, Long.MAX_VALUE);
    }
}
