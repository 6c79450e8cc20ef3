package dev.modelport.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** The API refused a request; carries the problem+json {@code code} and {@code detail}. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    ApiException(int status, JsonNode problem, String fallback) {
        super(problem != null && problem.hasNonNull("detail") ? problem.get("detail").asText() : fallback);
        this.status = status;
        this.code = problem != null && problem.hasNonNull("code") ? problem.get("code").asText() : null;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
