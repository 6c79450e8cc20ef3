-- Organisations: the tenants. Every private object is owned by one; jurisdictions scope regulators.
CREATE TABLE organisation (
    id          uuid         PRIMARY KEY,
    slug        varchar(64)  NOT NULL,
    name        varchar(200) NOT NULL,
    kind        varchar(16)  NOT NULL,
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL,
    version     bigint       NOT NULL DEFAULT 0,
    CONSTRAINT organisation_slug_unique UNIQUE (slug),
    CONSTRAINT organisation_slug_format CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,63}$'),
    CONSTRAINT organisation_kind_known CHECK (kind IN ('VENDOR', 'OEM', 'REGULATOR', 'PLATFORM'))
);

-- ISO 3166-1 alpha-2 codes, plus EU, which ISO reserves for the European Union.
CREATE TABLE organisation_jurisdiction (
    organisation_id uuid       NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    code            varchar(2) NOT NULL,
    PRIMARY KEY (organisation_id, code),
    CONSTRAINT jurisdiction_code_format CHECK (code ~ '^[A-Z]{2}$')
);

CREATE INDEX organisation_jurisdiction_code ON organisation_jurisdiction (code);
