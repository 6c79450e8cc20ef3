-- Builds (issue 5): the verification job of an uploaded build and what it found; the job that made a platform build
-- is build.job_id (V60).
ALTER TABLE build
    ADD COLUMN verification_job_id  uuid REFERENCES job (id),
    ADD COLUMN verified_at          timestamptz,
    ADD COLUMN mismatch_detail      varchar(2000),
    ADD COLUMN device_class_slug    varchar(64);

-- Weight fingerprints: one per weight blob (an uploaded version artifact or a build output), computed by streaming
-- the GGUF file with quantized tensors dequantized. The signature is gguf's WeightFingerprint.encode() text.
CREATE TABLE weight_fingerprint (
    digest        varchar(71)   PRIMARY KEY REFERENCES blob (digest),
    architecture  varchar(64)   NOT NULL,
    layers        integer       NOT NULL,
    signature     text          NOT NULL,
    computed_at   timestamptz   NOT NULL,
    CONSTRAINT weight_fingerprint_layers CHECK (layers >= 0)
);

CREATE INDEX weight_fingerprint_arch ON weight_fingerprint (architecture, layers);

-- A provenance finding: the weights of version_id closely match those of matched_version_id, which is not in
-- version_id's declared lineage. One finding per unordered pair of versions.
CREATE TABLE provenance_finding (
    id                   uuid          PRIMARY KEY,
    version_id           uuid          NOT NULL REFERENCES model_version (id),
    owner_id             uuid          NOT NULL REFERENCES organisation (id),
    matched_version_id   uuid          NOT NULL REFERENCES model_version (id),
    digest               varchar(71)   NOT NULL REFERENCES blob (digest),
    matched_digest       varchar(71)   NOT NULL REFERENCES blob (digest),
    score                double precision NOT NULL,
    status               varchar(16)   NOT NULL,
    reason               varchar(2000),
    decided_by           varchar(255),
    decided_org_id       uuid          REFERENCES organisation (id),
    decided_at           timestamptz,
    decision_log_index   bigint,
    created_at           timestamptz   NOT NULL,
    version              bigint        NOT NULL DEFAULT 0,
    CONSTRAINT provenance_finding_status_known CHECK (status IN ('OPEN', 'CONFIRMED', 'DISMISSED')),
    CONSTRAINT provenance_finding_not_self CHECK (version_id <> matched_version_id),
    CONSTRAINT provenance_finding_decided CHECK (status = 'OPEN'
        OR (reason IS NOT NULL AND decided_by IS NOT NULL AND decided_at IS NOT NULL AND decision_log_index IS NOT NULL))
);

CREATE UNIQUE INDEX provenance_finding_pair ON provenance_finding
    (LEAST(version_id, matched_version_id), GREATEST(version_id, matched_version_id));
CREATE INDEX provenance_finding_version ON provenance_finding (version_id, status);
CREATE INDEX provenance_finding_queue ON provenance_finding (status, created_at);

-- A confirmed finding suspends a "self-developed" claim: the claim stays on record, marked suspended.
ALTER TABLE provenance_claim
    ADD COLUMN suspended_at       timestamptz,
    ADD COLUMN suspended_reason   varchar(2000);
