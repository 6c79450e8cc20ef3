-- Phones: enrolled to an OEM with an enrollment token, identified by their own Ed25519 key.

-- An OEM-issued secret that phones present once, at enrollment. Only its sha256 is stored.
CREATE TABLE enrollment_token (
    id            uuid         PRIMARY KEY,
    owner_id      uuid         NOT NULL REFERENCES organisation (id),
    secret_sha256 varchar(64)  NOT NULL,
    label         varchar(200) NOT NULL,
    max_devices   integer      NOT NULL,
    used_devices  integer      NOT NULL DEFAULT 0,
    expires_at    timestamptz  NOT NULL,
    revoked       boolean      NOT NULL DEFAULT false,
    created_at    timestamptz  NOT NULL,
    version       bigint       NOT NULL DEFAULT 0,
    CONSTRAINT enrollment_token_secret_unique UNIQUE (secret_sha256),
    CONSTRAINT enrollment_token_max_positive CHECK (max_devices > 0),
    CONSTRAINT enrollment_token_usage_within_max CHECK (used_devices >= 0 AND used_devices <= max_devices)
);

CREATE TABLE device (
    id                   varchar(40)  PRIMARY KEY,
    owner_id             uuid         NOT NULL REFERENCES organisation (id),
    enrollment_token_id  uuid         NOT NULL REFERENCES enrollment_token (id),
    public_key           bytea        NOT NULL,
    device_class         varchar(64),
    device_model         varchar(128),
    region               varchar(2),
    os_version           varchar(64),
    runtime_version      varchar(64),
    status               varchar(16)  NOT NULL,
    enrolled_at          timestamptz  NOT NULL,
    revoked_at           timestamptz,
    version              bigint       NOT NULL DEFAULT 0,
    CONSTRAINT device_public_key_unique UNIQUE (public_key),
    CONSTRAINT device_public_key_length CHECK (octet_length(public_key) = 32),
    CONSTRAINT device_status_known CHECK (status IN ('ACTIVE', 'REVOKED')),
    CONSTRAINT device_region_format CHECK (region IS NULL OR region ~ '^[A-Z]{2}$')
);

CREATE INDEX device_owner ON device (owner_id, id);

-- Nonces of signed token requests, kept for the replay window so a captured request cannot be replayed.
CREATE TABLE device_nonce (
    device_id  varchar(40) NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    nonce      varchar(64) NOT NULL,
    seen_at    timestamptz NOT NULL,
    PRIMARY KEY (device_id, nonce)
);

CREATE INDEX device_nonce_seen_at ON device_nonce (seen_at);
