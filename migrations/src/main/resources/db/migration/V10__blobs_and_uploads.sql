-- Content-addressed weight blobs. The bytes live in the blob store (filesystem by default, S3 later); this table
-- holds what the server verified about them when they were uploaded.
CREATE TABLE blob (
    digest        varchar(71)  PRIMARY KEY,
    size          bigint       NOT NULL,
    format        varchar(16)  NOT NULL,
    gguf_version  integer      NOT NULL,
    architecture  varchar(64)  NOT NULL,
    tensor_count  bigint       NOT NULL,
    -- [{"name": ..., "type": "Q4_0", "shape": [4096, 32000]}, ...] in file order, as the header declares them.
    tensors       text         NOT NULL,
    created_at    timestamptz  NOT NULL,
    CONSTRAINT blob_digest_format CHECK (digest ~ '^sha256:[0-9a-f]{64}$'),
    CONSTRAINT blob_size_positive CHECK (size > 0),
    CONSTRAINT blob_format_known CHECK (format IN ('GGUF')),
    CONSTRAINT blob_gguf_version_known CHECK (gguf_version IN (2, 3)),
    CONSTRAINT blob_tensor_count_valid CHECK (tensor_count >= 0)
);

-- Which organisations have uploaded (and so proven they possess) a blob. Only a holder may attach a blob to its
-- model versions: knowing a digest is not enough to claim someone else's weights.
CREATE TABLE blob_holder (
    digest           varchar(71) NOT NULL REFERENCES blob (digest),
    organisation_id  uuid        NOT NULL REFERENCES organisation (id),
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (digest, organisation_id)
);

-- A resumable upload: the client names digest and size first, then appends bytes until committed = size.
CREATE TABLE upload_session (
    id               uuid         PRIMARY KEY,
    organisation_id  uuid         NOT NULL REFERENCES organisation (id),
    created_by       varchar(255) NOT NULL,
    digest           varchar(71)  NOT NULL,
    size             bigint       NOT NULL,
    committed        bigint       NOT NULL DEFAULT 0,
    status           varchar(16)  NOT NULL,
    failure          varchar(500),
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL,
    version          bigint       NOT NULL DEFAULT 0,
    CONSTRAINT upload_digest_format CHECK (digest ~ '^sha256:[0-9a-f]{64}$'),
    CONSTRAINT upload_size_positive CHECK (size > 0),
    CONSTRAINT upload_committed_in_range CHECK (committed >= 0 AND committed <= size),
    CONSTRAINT upload_status_known CHECK (status IN ('OPEN', 'COMPLETE', 'FAILED')),
    CONSTRAINT upload_complete_means_all_bytes CHECK (status <> 'COMPLETE' OR committed = size)
);

CREATE INDEX upload_session_org ON upload_session (organisation_id, created_at);
