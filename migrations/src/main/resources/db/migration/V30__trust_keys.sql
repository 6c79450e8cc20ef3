-- Every signing key the platform knows: the k-of-n root, the online targets/snapshot/timestamp keys, the
-- transparency-log checkpoint key, and one delegated targets key per OEM. Keys are never deleted: a rotated key
-- is RETIRED and a compromised one REVOKED, so old signatures stay explainable.
CREATE TABLE trust_key (
    key_id             varchar(64)  PRIMARY KEY,
    role               varchar(16)  NOT NULL,
    owner_id           uuid         REFERENCES organisation (id),
    public_key         varchar(64)  NOT NULL,
    custody            varchar(16)  NOT NULL,
    sealed_seed        bytea,
    protector          varchar(80),
    status             varchar(16)  NOT NULL,
    created_at         timestamptz  NOT NULL,
    retired_at         timestamptz,
    replaced_by        varchar(64),
    revoked_at         timestamptz,
    revocation_reason  varchar(500),
    version            bigint       NOT NULL DEFAULT 0,
    CONSTRAINT trust_key_id_format CHECK (key_id ~ '^[0-9a-f]{64}$'),
    CONSTRAINT trust_key_public_format CHECK (public_key ~ '^[0-9a-f]{64}$'),
    CONSTRAINT trust_key_role_known CHECK (role IN ('ROOT', 'TARGETS', 'SNAPSHOT', 'TIMESTAMP', 'CHECKPOINT', 'OEM')),
    CONSTRAINT trust_key_custody_known CHECK (custody IN ('PLATFORM', 'OEM')),
    CONSTRAINT trust_key_status_known CHECK (status IN ('ACTIVE', 'RETIRED', 'REVOKED')),
    -- The platform holds a private key exactly when custody is PLATFORM, always sealed.
    CONSTRAINT trust_key_custody_material CHECK ((custody = 'PLATFORM') = (sealed_seed IS NOT NULL AND protector IS NOT NULL)),
    CONSTRAINT trust_key_owner_only_oem CHECK ((role = 'OEM') = (owner_id IS NOT NULL))
);

CREATE INDEX trust_key_role_status ON trust_key (role, status);
CREATE UNIQUE INDEX trust_key_one_active_per_oem ON trust_key (owner_id) WHERE role = 'OEM' AND status = 'ACTIVE';
