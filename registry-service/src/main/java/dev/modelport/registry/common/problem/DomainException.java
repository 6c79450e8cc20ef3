package dev.modelport.registry.common.problem;

import java.util.List;

/** A refusal with a stable code; the problem mapper turns it into application/problem+json. */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final List<Problem.FieldError> errors;

    public DomainException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public DomainException(ErrorCode code, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public ErrorCode code() {
        return code;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public static DomainException notFound(String what) {
        return new DomainException(ErrorCode.NOT_FOUND, what + " does not exist");
    }

    public static DomainException forbidden(String detail) {
        return new DomainException(ErrorCode.FORBIDDEN, detail);
    }
}
