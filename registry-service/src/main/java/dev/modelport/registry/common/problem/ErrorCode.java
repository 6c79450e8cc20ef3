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
    // --- catalog, uploads, licensing, provenance
    VERSION_IMMUTABLE(409, "The model version is no longer a draft and cannot change"),
    INVALID_TRANSITION(409, "The object's current status does not allow this change"),
    ALREADY_ENTITLED(409, "Your organisation already holds an active entitlement from this offer"),
    OFFER_NOT_AVAILABLE(409, "The licence offer cannot be purchased"),
    UPLOAD_OFFSET_MISMATCH(409, "The upload offset does not match the bytes the server has"),
    UPLOAD_INCOMPLETE(409, "The upload has not received all its bytes yet"),
    UPLOAD_CLOSED(409, "The upload session is no longer open"),
    UPLOAD_BUSY(409, "Another request is writing to this upload session"),
    DIGEST_MISMATCH(422, "The uploaded bytes do not have the declared sha256 digest; nothing was stored"),
    NOT_GGUF(422, "The file is not a valid GGUF model file"),
    UNKNOWN_BLOB(422, "The blob was not uploaded by your organisation"),
    LICENCE_REQUIRED(422, "A parent from another organisation is not covered by an active licence"),
    LINEAGE_CYCLE(422, "The declared lineage would make a cycle"),
    LINEAGE_REQUIRED(422, "A derived model version must declare its parents"),
    PARENT_NOT_PUBLISHED(422, "A declared parent is not a published version"),
    ARTIFACT_REQUIRED(422, "A version needs at least one weight artifact to be published"),
    CLAIM_CONTRADICTS_PROVENANCE(422, "The claim contradicts the provenance computed from the lineage"),
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
    // --- builds and weight fingerprints (issue 5)
    BUILD_EXCEEDS_MEMORY_BUDGET(422, "The build's weights plus KV cache exceed the device class's memory budget"),
    BUILD_INPUT_UNSUITABLE(422, "The model version's weights cannot be built as asked"),
    BUILD_NOT_READY(409, "The build has no output yet"),
    BUILD_NOT_UPLOADED(409, "Only an uploaded build's declared derivation can be verified"),
    FINDING_OPEN(409, "An open provenance finding contradicts the claim"),
    FINDING_DECIDED(409, "The provenance finding has been decided already"),
    // --- distribution (channels, releases, rollouts, device reports)
    BUILD_NOT_DISTRIBUTABLE(422, "A build of the release is not ready, not signed or not made for this version"),
    FILING_REQUIRED(422, "A target region's jurisdiction requires an approved filing that covers the version"),
    LICENCE_TERRITORY(422, "The licence does not allow device distribution in a target region"),
    ROLLOUT_ACTIVE(409, "The channel already has a rollout in progress"),
    RELEASE_NOT_PUBLISHED(409, "The release's TUF targets are not published yet"),
    REPORTS_NOT_STORED(503, "Device reports could not be stored now; send them again"),
    // --- regulator workflow (holds, dossiers)
    HOLD_EXISTS(409, "The model version is already held in this jurisdiction"),
    // --- device downloads (issue 6, branch blobs)
    RANGE_NOT_SATISFIABLE(416, "No requested byte range overlaps the blob"),
    BLOB_UNAVAILABLE(503, "The blob's stored bytes cannot be served now; they are never served unverified"),
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
