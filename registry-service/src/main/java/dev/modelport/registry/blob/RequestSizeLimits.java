package dev.modelport.registry.blob;

import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Two body limits instead of Quarkus's one. {@code quarkus.http.limits.max-body-size} is raised so that an upload
 * chunk ({@code PATCH /api/v1/uploads/{id}}, streamed to disk) may be gigabytes; every other request, whose body is
 * read into memory (JSON), keeps a small limit, enforced here right after Quarkus's own check.
 */
@ApplicationScoped
public class RequestSizeLimits {

    /** Runs after Quarkus's upload-limit route (order -2) and before the REST handlers. */
    static final int ORDER = -1;

    @ConfigProperty(name = "modelport.http.max-json-body-size", defaultValue = "1048576")
    long maxJsonBody;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::limit);
    }

    void limit(RoutingContext rc) {
        if (rc.request().method() == HttpMethod.PATCH && rc.normalizedPath().startsWith("/api/v1/uploads/")) {
            rc.next();
            return;
        }
        String length = rc.request().getHeader("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = Long.MAX_VALUE;
            }
            if (declared > maxJsonBody) {
                rc.response().setStatusCode(413).putHeader("Content-Type", "application/problem+json")
                        .putHeader("Connection", "close")
                        .end("{\"type\":\"https://modelport.dev/problems/payload-too-large\",\"title\":"
                                + "\"The request body is too large\",\"status\":413,\"code\":\"PAYLOAD_TOO_LARGE\","
                                + "\"detail\":\"request bodies are limited to " + maxJsonBody + " bytes\"}");
                return;
            }
        } else {
            // Chunked bodies: the REST layer's input stream stops reading past this many bytes.
            rc.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, maxJsonBody);
        }
        rc.next();
    }
}
