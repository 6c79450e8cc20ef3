-- Versions of a model line. MAJOR.MINOR.PATCH labels, so that licence offers can name version ranges.
CREATE TABLE model_version (
    id             uuid          PRIMARY KEY,
    model_id       uuid          NOT NULL REFERENCES model (id),
    label          varchar(32)   NOT NULL,
    major          integer       NOT NULL,
    minor          integer       NOT NULL,
    patch          integer       NOT NULL,
    status         varchar(16)   NOT NULL,
    model_card     text          NOT NULL,
    training_data  varchar(20000) NOT NULL,
    created_by     varchar(255)  NOT NULL,
    created_at     timestamptz   NOT NULL,
    updated_at     timestamptz   NOT NULL,
    published_at   timestamptz,
    version        bigint        NOT NULL DEFAULT 0,
    CONSTRAINT model_version_label_unique UNIQUE (model_id, label),
    CONSTRAINT model_version_label_format CHECK (label ~ '^(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})$'),
    CONSTRAINT model_version_parts_match CHECK (label = major || '.' || minor || '.' || patch),
    CONSTRAINT model_version_status_known
        CHECK (status IN ('DRAFT', 'PUBLISHED', 'DEPRECATED', 'SUSPENDED', 'REVOKED')),
    CONSTRAINT model_version_published_has_time CHECK (status = 'DRAFT' OR published_at IS NOT NULL),
    CONSTRAINT model_version_card_size CHECK (length(model_card) <= 200000)
);

CREATE INDEX model_version_model ON model_version (model_id, major, minor, patch);

-- The weight files of a version: uploaded, verified GGUF blobs.
CREATE TABLE version_artifact (
    version_id  uuid         NOT NULL REFERENCES model_version (id) ON DELETE CASCADE,
    digest      varchar(71)  NOT NULL REFERENCES blob (digest),
    file_name   varchar(200) NOT NULL,
    PRIMARY KEY (version_id, digest),
    CONSTRAINT version_artifact_file_name CHECK (file_name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$')
);
