package dev.modelport.registry.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem body, extended with our stable {@code code} and per-field errors. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String code, String instance,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }

    public static Problem of(ErrorCode code, String detail, String instance, List<FieldError> errors) {
        return new Problem(code.typeUri(), code.title(), code.status(), detail, code.name(), instance, errors);
    }
}
