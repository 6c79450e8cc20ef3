package dev.modelport.registry.console;

import dev.modelport.registry.common.crypto.Sha256;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Serves the console's static assets (module {@code web-console}, {@code META-INF/resources}) with cache headers:
 * a file whose name carries a content fingerprint ({@code name.<hex>.js}) never changes and is cached as immutable;
 * every other file is revalidated on each use ({@code no-cache}) against a strong ETag, the SHA-256 of its bytes,
 * so a deployment is seen at once and an unchanged file costs a 304. The console has no build step, so today all
 * of its files take the second path. The page gets a Content-Security-Policy that allows scripts only from here and
 * connections only to here and to the sign-in issuer.
 */
@ApplicationScoped
public class ConsoleAssets {

    private static final String ROOT = "META-INF/resources";
    private static final Pattern FINGERPRINTED = Pattern.compile(".*\\.[0-9a-f]{8,64}\\.[a-z0-9]+$");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png", "json", "application/json", "ico", "image/x-icon");

    record Asset(byte[] body, String etag, String contentType) {
    }

    private final Map<String, Optional<Asset>> assets = new ConcurrentHashMap<>();

    @ConfigProperty(name = "modelport.console.issuer")
    String issuer;

    void routes(@Observes Router router) {
        router.route("/").order(-10).handler(this::serve);
        router.route("/index.html").order(-10).handler(this::serve);
        router.route("/console/*").order(-10).handler(this::serve);
    }

    void serve(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        String path = ctx.normalizedPath();
        String file = path.equals("/") ? "/index.html" : path;
        Optional<Asset> asset = (method == HttpMethod.GET || method == HttpMethod.HEAD) && !file.contains("..")
                ? assets.computeIfAbsent(file, ConsoleAssets::load) : Optional.empty();
        if (asset.isEmpty()) {
            ctx.next(); // not a static file: /console/config.json and everything else is answered by the API
            return;
        }
        Asset a = asset.get();
        var headers = ctx.response().headers();
        headers.set("ETag", a.etag());
        headers.set("Cache-Control", FINGERPRINTED.matcher(file).matches()
                ? "public, max-age=31536000, immutable" : "no-cache");
        headers.set("X-Content-Type-Options", "nosniff");
        if (file.endsWith(".html")) {
            headers.set("Content-Security-Policy", contentSecurityPolicy());
            headers.set("Referrer-Policy", "no-referrer");
        }
        if (matches(ctx.request().getHeader("If-None-Match"), a.etag())) {
            ctx.response().setStatusCode(304).end();
            return;
        }
        headers.set("Content-Type", a.contentType());
        if (method == HttpMethod.HEAD) {
            headers.set("Content-Length", Integer.toString(a.body().length));
            ctx.response().end();
        } else {
            ctx.response().end(io.vertx.core.buffer.Buffer.buffer(a.body()));
        }
    }

    /** RFC 9110 §13.1.2: If-None-Match is a list of entity tags, or "*". */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    String contentSecurityPolicy() {
        URI uri = URI.create(issuer);
        String issuerOrigin = uri.getScheme() + "://" + uri.getRawAuthority();
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' "
                + issuerOrigin + "; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    }

    private static Optional<Asset> load(String file) {
        String name = ROOT + file;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            String extension = file.substring(file.lastIndexOf('.') + 1);
            if (in == null || !TYPES.containsKey(extension)) {
                return Optional.empty(); // also directories, which a class-path directory would list
            }
            byte[] body = in.readAllBytes();
            return Optional.of(new Asset(body, "\"" + Sha256.hex(body) + "\"",
                    TYPES.getOrDefault(extension, "application/octet-stream")));
        } catch (IOException e) {
            throw new UncheckedIOException("reading console asset " + name, e);
        }
    }
}
