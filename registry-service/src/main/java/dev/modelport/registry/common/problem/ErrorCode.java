package dev.modelport.registry.common.problem;

/**
 * Stable error codes of the API. Clients may switch on them; they never change meaning. The HTTP status of each
 * code is decided here and nowhere else.
 */
public enum ErrorCode {
    VALIDATION_FAILED(400, "The request is not valid"),
    MALFORMED_JSON(400, "The request body is not valid JSON"),
    UNKNOWN_VALUE(400, "A field has a value that is not one of the allowed values"),
    UNKNOWN_FIELD(400, "The request body has a field this endpoint does not know"),
    BAD_CURSOR(400, "The paging cursor is not valid"),
    UNAUTHENTICATED(401, "Authentication is required"),
    DEVICE_UNAUTHENTICATED(401, "The device is not authenticated"),
    ENROLLMENT_REFUSED(401, "The enrollment token was refused"),
    DEVICE_REPLAY(401, "The signed device request was refused as a replay"),
    FORBIDDEN(403, "You are not allowed to do this"),
    ORG_NOT_RESOLVED(403, "Your token does not name a known organisation"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    CONFLICT(409, "Conflict"),
    DUPLICATE_SLUG(409, "The slug is already taken"),
    PAYLOAD_TOO_LARGE(413, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    INTERNAL(500, "Internal error"),
    // --- trust (keys, transparency log, TUF)
    INVALID_PUBLIC_KEY(400, "The public key is not a valid Ed25519 key"),
    INVALID_SIGNATURE(400, "The signature does not verify"),
    LOG_ENTRY_REJECTED(400, "The transparency log accepts only in-toto statements signed by a trusted key"),
    TARGET_OUTSIDE_DELEGATION(400, "A target path is outside the paths delegated to its OEM"),
    KEY_NOT_ACTIVE(409, "The key is not active"),
    OEM_KEY_EXISTS(409, "The organisation already has an active delegated key; rotate it instead"),
    OEM_KEY_MISSING(409, "The organisation has no active delegated targets key"),
    NO_PENDING_SIGNATURE(409, "Nothing is waiting for this signature"),
    // --- jobs (recorded on the job, not sent as an HTTP status)
    JOB_ATTEMPTS_EXHAUSTED(500, "The job failed on every attempt");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** A stable URI naming the problem type, as RFC 9457 asks. */
    public String typeUri() {
        return "https://modelport.dev/problems/" + name().toLowerCase().replace('_', '-');
    }
}
