-- A model line owned by an organisation, named owner-slug/model-slug. Versions come with the catalog.
CREATE TABLE model (
    id               uuid         PRIMARY KEY,
    owner_id         uuid         NOT NULL REFERENCES organisation (id),
    slug             varchar(64)  NOT NULL,
    name             varchar(200) NOT NULL,
    kind             varchar(16)  NOT NULL,
    architecture     varchar(64)  NOT NULL,
    parameter_count  bigint       NOT NULL,
    context_length   integer      NOT NULL,
    visibility       varchar(16)  NOT NULL,
    description      varchar(4000),
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL,
    version          bigint       NOT NULL DEFAULT 0,
    CONSTRAINT model_owner_slug_unique UNIQUE (owner_id, slug),
    CONSTRAINT model_slug_format CHECK (slug ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    CONSTRAINT model_kind_known CHECK (kind IN ('BASE', 'FINETUNE', 'ADAPTER', 'MERGE', 'DISTILLED')),
    CONSTRAINT model_visibility_known CHECK (visibility IN ('PUBLIC', 'PRIVATE')),
    CONSTRAINT model_parameter_count_positive CHECK (parameter_count > 0),
    CONSTRAINT model_context_length_positive CHECK (context_length > 0)
);

CREATE INDEX model_visibility_slug ON model (visibility, slug);
