package dev.modelport.registry.checkin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.common.problem.Problem;
import dev.modelport.registry.common.problem.ProblemMappers;
import dev.modelport.registry.device.DeviceAuthenticator;
import dev.modelport.registry.device.DeviceTokenCodec;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code POST /device/v1/checkin}, the hot path of the fleet, as a plain Vert.x route on the I/O thread instead of a
 * JAX-RS resource. Profiling showed that the REST layer's per-request machinery (method validation interceptor,
 * request scope, writer look-up, Quarkus's observability filter that builds a request mapper per request, security
 * filters) cost several times the check-in itself; this route does only what a check-in needs: device-token
 * authentication ({@link DeviceAuthenticator}: one HMAC, no Keycloak), reading the JSON body (size-limited) and
 * validating it with the same Jackson and Bean Validation rules, and the {@link CheckinAnswers} answer with
 * ETag / 304.
 *
 * <p>It is ordered before Quarkus's HTTP authentication handler, so no OIDC or Keycloak machinery runs for
 * check-ins: device requests carry device tokens, never Keycloak tokens. Errors are problem+json with the same codes
 * as the rest of the API ({@link ProblemMappers}). The operator API is untouched; the other device endpoints stay
 * JAX-RS ({@code @DeviceAuthenticated}).
 */
@ApplicationScoped
public class CheckinRoute {

    static final String PATH = "/device/v1/checkin";
    /** Before authentication (-200) and the body-size filters; after CORS (-300), which device clients do not use. */
    static final int ORDER = -SecurityHandlerPriorities.AUTHENTICATION - 1;

    private static final Logger LOG = Logger.getLogger(CheckinRoute.class);
    /** A check-in without a body (or with JSON null): a device that says nothing about itself gets NO_UPDATE. */
    private static final CheckinAnswers.CheckinRequest NO_BODY = new CheckinAnswers.CheckinRequest(null, null);
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence PROBLEM_JSON = HttpHeaders.createOptimized(Problem.MEDIA_TYPE);

    @Inject
    DeviceAuthenticator authenticator;

    @Inject
    CheckinAnswers answers;

    @Inject
    ValidatorFactory validation;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "modelport.http.max-json-body-size", defaultValue = "1048576")
    int maxBody;

    private ObjectReader requests;
    private Validator validator;

    void install(@Observes Router router) {
        requests = json.readerFor(CheckinAnswers.CheckinRequest.class);
        // The body is records, not JPA entities: skip the ORM's per-property "is it loaded?" checks, which the
        // default traversable resolver runs and which cost as much as the constraints themselves.
        validator = validation.usingContext().traversableResolver(new AllReachable()).getValidator();
        router.route(PATH).order(ORDER).handler(this::receive).failureHandler(this::failed);
    }

    /** Only POST; its body (at most {@code modelport.http.max-json-body-size} bytes) is collected in memory. */
    void receive(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.method() != HttpMethod.POST) {
            // 405 like every other resource's answer to a method it does not have.
            rc.response().putHeader(HttpHeaders.ALLOW, "POST");
            problem(rc, ErrorCode.METHOD_NOT_ALLOWED, "use POST " + PATH, List.of());
            return;
        }
        if (declaredLength(request) > maxBody) {
            tooLarge(rc);
            return;
        }
        if (request.isEnded()) {
            checkin(rc, Buffer.buffer());
            return;
        }
        Buffer body = Buffer.buffer();
        // The end handler first: Quarkus holds the request paused and setting the data handler resumes it, which may
        // deliver the whole (small or empty) body and its end at once.
        request.endHandler(end -> {
            if (!rc.response().ended()) {
                checkin(rc, body);
            }
        });
        request.handler(chunk -> {
            if (body.length() + chunk.length() > maxBody) {
                if (!rc.response().ended()) {
                    tooLarge(rc);
                }
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.resume();
    }

    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return 0;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private void tooLarge(RoutingContext rc) {
        rc.response().putHeader(HttpHeaders.CONNECTION, "close");
        problem(rc, ErrorCode.PAYLOAD_TOO_LARGE, "request bodies are limited to " + maxBody + " bytes", List.of());
    }

    void checkin(RoutingContext rc, Buffer body) {
        MultiMap headers = rc.request().headers();
        try {
            DeviceTokenCodec.Subject device = authenticator.authenticate(headers.get(HttpHeaders.AUTHORIZATION));
            CheckinAnswers.CheckinRequest request = read(rc, headers.get(HttpHeaders.CONTENT_TYPE), body);
            if (request == null) {
                return;
            }
            CheckinAnswers.Answer answer = answers.answer(device.deviceId(), device.ownerId(), request);
            HttpServerResponse response = rc.response().putHeader(HttpHeaders.ETAG, answer.etag());
            if (answer.etag().equals(headers.get(HttpHeaders.IF_NONE_MATCH))) {
                response.setStatusCode(304).end();
            } else {
                response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(Buffer.buffer(answer.body()));
            }
        } catch (DomainException e) {
            problem(rc, e.code(), e.getMessage(), e.errors());
        } catch (RuntimeException e) {
            unexpected(rc, e);
        }
    }

    /** The validated body, or null after answering with its problem. An empty body is {@link #NO_BODY}. */
    private CheckinAnswers.CheckinRequest read(RoutingContext rc, String contentType, Buffer body) {
        if (body.length() == 0) {
            return NO_BODY;
        }
        if (contentType != null && !isJson(contentType)) {
            problem(rc, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the check-in as application/json", List.of());
            return null;
        }
        CheckinAnswers.CheckinRequest request;
        try {
            request = requests.readValue(body.getBytes());
        } catch (JsonProcessingException e) {
            send(rc, ProblemMappers.jsonProblem(e, PATH));
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("reading an in-memory body failed", e);
        }
        if (request == null) {
            return NO_BODY;
        }
        Set<ConstraintViolation<CheckinAnswers.CheckinRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            invalid(rc, violations);
            return null;
        }
        return request;
    }

    /** Every property of a request record is there to be validated. */
    private static final class AllReachable implements TraversableResolver {
        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> root, Path path, ElementType type) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> root, Path path, ElementType type) {
            return true;
        }
    }

    private static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase();
        return type.equals("application/json") || type.endsWith("+json");
    }

    /** The same body as the JAX-RS validation mapper's: every field error, sorted by field. */
    private void invalid(RoutingContext rc, Set<ConstraintViolation<CheckinAnswers.CheckinRequest>> violations) {
        List<Problem.FieldError> errors = violations.stream()
                .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field)).toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        problem(rc, ErrorCode.VALIDATION_FAILED, detail, errors);
    }

    /** Anything that escaped the handlers (a connection error while the body was arriving, say). */
    void failed(RoutingContext rc) {
        if (rc.response().headWritten()) {
            rc.response().close();
        } else {
            unexpected(rc, rc.failure());
        }
    }

    private void unexpected(RoutingContext rc, Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "incident %s on %s", incident, PATH);
        problem(rc, ErrorCode.INTERNAL, "Unexpected error, incident " + incident, List.of());
    }

    private void problem(RoutingContext rc, ErrorCode code, String detail, List<Problem.FieldError> errors) {
        send(rc, Problem.of(code, detail, PATH, errors));
    }

    private void send(RoutingContext rc, Problem problem) {
        try {
            rc.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON)
                    .end(Buffer.buffer(json.writeValueAsBytes(problem)));
        } catch (JsonProcessingException e) {
            rc.response().setStatusCode(500).end();
        }
    }
}
