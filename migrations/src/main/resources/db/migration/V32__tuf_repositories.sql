-- TUF 1.0 repositories, one per OEM channel (named <oem>/<channel>). Root metadata is shared platform-wide;
-- targets, the OEM's delegated role, snapshot and timestamp are versioned per repository.

CREATE TABLE tuf_root (
    version     integer      PRIMARY KEY,
    metadata    bytea        NOT NULL,
    expires_at  timestamptz  NOT NULL,
    created_at  timestamptz  NOT NULL,
    CONSTRAINT tuf_root_version_positive CHECK (version > 0)
);

CREATE TABLE tuf_repository (
    id                 uuid         PRIMARY KEY,
    name               varchar(140) NOT NULL,
    oem_id             uuid         NOT NULL REFERENCES organisation (id),
    channel            varchar(64)  NOT NULL,
    delegation_key_id  varchar(64),
    created_at         timestamptz  NOT NULL,
    version            bigint       NOT NULL DEFAULT 0,
    CONSTRAINT tuf_repository_name_unique UNIQUE (name),
    CONSTRAINT tuf_repository_oem_channel_unique UNIQUE (oem_id, channel),
    CONSTRAINT tuf_repository_channel_format CHECK (channel ~ '^[a-z0-9][a-z0-9._-]{0,63}$')
);

-- Published, signed metadata files. role is targets, snapshot, timestamp or the delegated role name.
CREATE TABLE tuf_metadata (
    id             uuid          PRIMARY KEY,
    repository_id  uuid          NOT NULL REFERENCES tuf_repository (id),
    role           varchar(140)  NOT NULL,
    version        integer       NOT NULL,
    metadata       bytea         NOT NULL,
    expires_at     timestamptz   NOT NULL,
    created_at     timestamptz   NOT NULL,
    CONSTRAINT tuf_metadata_role_version_unique UNIQUE (repository_id, role, version),
    CONSTRAINT tuf_metadata_version_positive CHECK (version > 0)
);

-- Delegated-role metadata waiting for the signature of an OEM that holds its own key. At most one per repository.
CREATE TABLE tuf_pending_signature (
    repository_id  uuid          PRIMARY KEY REFERENCES tuf_repository (id),
    role           varchar(140)  NOT NULL,
    version        integer       NOT NULL,
    key_id         varchar(64)   NOT NULL,
    signed_part    bytea         NOT NULL,
    created_at     timestamptz   NOT NULL
);

-- Small target files served inline (anything large is served by the blob store and redirected to).
CREATE TABLE tuf_target_content (
    sha256      varchar(64)  PRIMARY KEY,
    length      bigint       NOT NULL,
    content     bytea        NOT NULL,
    created_at  timestamptz  NOT NULL,
    CONSTRAINT tuf_target_content_sha256_format CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT tuf_target_content_length CHECK (length = octet_length(content))
);
