package dev.modelport.registry.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become {@code application/problem+json}. Bodies never carry stack traces; an
 * unexpected error is logged with an incident id that the body repeats.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        return problem(e.code(), e.getMessage(), uri, e.errors());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return problem(ErrorCode.VALIDATION_FAILED, detail, uri, errors);
    }

    // Quarkus maps MismatchedInputException itself; naming the subtype here makes ours the more specific mapper.
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public Response json(JsonProcessingException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(problem(ErrorCode.UNAUTHENTICATED,
                        "Send a valid bearer token from the Modelport Keycloak realm", uri, List.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"modelport\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(ErrorCode.FORBIDDEN, "Your roles do not allow this operation", uri, List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return jsonProblem(json, uri);
        }
        int status = e.getResponse().getStatus();
        ErrorCode code = switch (status) {
            case 400 -> ErrorCode.VALIDATION_FAILED;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 409 -> ErrorCode.CONFLICT;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.VALIDATION_FAILED;
        };
        String detail = status >= 500 ? code.title() : e.getMessage();
        return problem(code, detail, uri, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "incident %s on %s", incident, uri.getPath());
        return problem(ErrorCode.INTERNAL, "Unexpected error, incident " + incident, uri, List.of());
    }

    private static Response jsonProblem(JsonProcessingException e, UriInfo uri) {
        Problem body = jsonProblem(e, uri == null ? null : uri.getPath());
        return Response.status(body.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    /** The problem for a request body Jackson could not read; public for routes outside JAX-RS (check-in). */
    public static Problem jsonProblem(JsonProcessingException e, String instance) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return Problem.of(ErrorCode.UNKNOWN_FIELD, "Unknown field '" + path(unknown) + "'", instance,
                    List.of(new Problem.FieldError(path(unknown), "is not a known field")));
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
            String message = "'" + invalid.getValue() + "' is not one of " + allowed;
            return Problem.of(ErrorCode.UNKNOWN_VALUE, path(invalid) + ": " + message, instance,
                    List.of(new Problem.FieldError(path(invalid), message)));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return Problem.of(ErrorCode.VALIDATION_FAILED, path(mapping) + " has the wrong type", instance,
                    List.of(new Problem.FieldError(path(mapping), "has the wrong type")));
        }
        return Problem.of(ErrorCode.MALFORMED_JSON, "The body could not be parsed as JSON: " + e.getOriginalMessage(),
                instance, List.of());
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String fieldName(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        // Bean validation names method parameters "create.request.name"; the client knows only "name".
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length)) : path;
    }

    static Response problem(ErrorCode code, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        Problem body = Problem.of(code, detail, uri == null ? null : uri.getPath(), errors);
        return Response.status(code.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
