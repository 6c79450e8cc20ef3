-- Regulatory filings: an organisation files model versions with a jurisdiction's regulator, who decides.
CREATE TABLE filing (
    id              uuid          PRIMARY KEY,
    organisation_id uuid          NOT NULL REFERENCES organisation (id),
    jurisdiction    varchar(2)    NOT NULL,
    filing_number   varchar(64)   NOT NULL,
    status          varchar(16)   NOT NULL,
    decided_by      varchar(255),
    decision_note   varchar(2000),
    decided_at      timestamptz,
    created_by      varchar(255)  NOT NULL,
    created_at      timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL,
    version         bigint        NOT NULL DEFAULT 0,
    CONSTRAINT filing_number_unique UNIQUE (jurisdiction, filing_number),
    CONSTRAINT filing_jurisdiction_format CHECK (jurisdiction ~ '^[A-Z]{2}$'),
    CONSTRAINT filing_number_format CHECK (filing_number ~ '^[A-Za-z0-9][A-Za-z0-9/._-]{0,63}$'),
    CONSTRAINT filing_status_known CHECK (status IN ('SUBMITTED', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'SUSPENDED')),
    CONSTRAINT filing_decision_has_time CHECK ((decided_at IS NULL) = (decided_by IS NULL))
);

CREATE INDEX filing_org ON filing (organisation_id, id);
CREATE INDEX filing_jurisdiction ON filing (jurisdiction, id);

CREATE TABLE filing_version (
    filing_id   uuid NOT NULL REFERENCES filing (id) ON DELETE CASCADE,
    version_id  uuid NOT NULL REFERENCES model_version (id),
    PRIMARY KEY (filing_id, version_id)
);
