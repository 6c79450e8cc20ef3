-- A vendor's licence terms for a range of versions of one of its models. Money is recorded, never moved.
CREATE TABLE licence_offer (
    id                    uuid           PRIMARY KEY,
    model_id              uuid           NOT NULL REFERENCES model (id),
    title                 varchar(200)   NOT NULL,
    from_major            integer        NOT NULL,
    from_minor            integer        NOT NULL,
    from_patch            integer        NOT NULL,
    to_major              integer,
    to_minor              integer,
    to_patch              integer,
    allow_fine_tuning     boolean        NOT NULL,
    allow_quantization    boolean        NOT NULL,
    allow_distribution    boolean        NOT NULL,
    device_cap            bigint,
    term_start            timestamptz    NOT NULL,
    term_end              timestamptz    NOT NULL,
    fee                   numeric(18, 6) NOT NULL,
    royalty_per_activation numeric(18, 6) NOT NULL,
    currency              varchar(3)     NOT NULL,
    attribution           varchar(1000)  NOT NULL,
    spdx_id               varchar(64),
    licence_text_digest   varchar(71),
    status                varchar(16)    NOT NULL,
    created_at            timestamptz    NOT NULL,
    updated_at            timestamptz    NOT NULL,
    version               bigint         NOT NULL DEFAULT 0,
    CONSTRAINT offer_range_complete CHECK ((to_major IS NULL) = (to_minor IS NULL) AND (to_minor IS NULL) = (to_patch IS NULL)),
    CONSTRAINT offer_device_cap_positive CHECK (device_cap IS NULL OR device_cap > 0),
    CONSTRAINT offer_term_ordered CHECK (term_end > term_start),
    CONSTRAINT offer_money_non_negative CHECK (fee >= 0 AND royalty_per_activation >= 0),
    CONSTRAINT offer_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT offer_one_licence CHECK ((spdx_id IS NULL) <> (licence_text_digest IS NULL)),
    CONSTRAINT offer_spdx_format CHECK (spdx_id IS NULL OR spdx_id ~ '^[A-Za-z0-9][A-Za-z0-9.+-]{0,63}$'),
    CONSTRAINT offer_licence_digest_format CHECK (licence_text_digest IS NULL OR licence_text_digest ~ '^sha256:[0-9a-f]{64}$'),
    CONSTRAINT offer_status_known CHECK (status IN ('ACTIVE', 'WITHDRAWN'))
);

CREATE INDEX licence_offer_model ON licence_offer (model_id);

-- ISO 3166-1 alpha-2 territories (plus EU) where devices may run the licensed model.
CREATE TABLE licence_offer_territory (
    offer_id  uuid       NOT NULL REFERENCES licence_offer (id) ON DELETE CASCADE,
    code      varchar(2) NOT NULL,
    PRIMARY KEY (offer_id, code),
    CONSTRAINT offer_territory_format CHECK (code ~ '^[A-Z]{2}$')
);

-- The record of a purchase: what was owed at the time, in the offer's currency.
CREATE TABLE purchase_order (
    id                     uuid           PRIMARY KEY,
    offer_id               uuid           NOT NULL REFERENCES licence_offer (id),
    buyer_id               uuid           NOT NULL REFERENCES organisation (id),
    seller_id              uuid           NOT NULL REFERENCES organisation (id),
    fee                    numeric(18, 6) NOT NULL,
    royalty_per_activation numeric(18, 6) NOT NULL,
    currency               varchar(3)     NOT NULL,
    ordered_by             varchar(255)   NOT NULL,
    created_at             timestamptz    NOT NULL,
    CONSTRAINT order_money_non_negative CHECK (fee >= 0 AND royalty_per_activation >= 0),
    CONSTRAINT order_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT order_not_self CHECK (buyer_id <> seller_id)
);

-- What a purchase grants. EXPIRED is not stored: it follows from the clock and valid_until.
CREATE TABLE entitlement (
    id            uuid        PRIMARY KEY,
    offer_id      uuid        NOT NULL REFERENCES licence_offer (id),
    order_id      uuid        NOT NULL REFERENCES purchase_order (id),
    holder_id     uuid        NOT NULL REFERENCES organisation (id),
    grantor_id    uuid        NOT NULL REFERENCES organisation (id),
    status        varchar(16) NOT NULL,
    valid_from    timestamptz NOT NULL,
    valid_until   timestamptz NOT NULL,
    device_cap    bigint,
    activations   bigint      NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL,
    terminated_at timestamptz,
    version       bigint      NOT NULL DEFAULT 0,
    CONSTRAINT entitlement_order_unique UNIQUE (order_id),
    CONSTRAINT entitlement_status_known CHECK (status IN ('ACTIVE', 'TERMINATED')),
    CONSTRAINT entitlement_window_ordered CHECK (valid_until > valid_from),
    CONSTRAINT entitlement_cap_positive CHECK (device_cap IS NULL OR device_cap > 0),
    CONSTRAINT entitlement_activations_in_cap CHECK (activations >= 0 AND (device_cap IS NULL OR activations <= device_cap)),
    CONSTRAINT entitlement_terminated_has_time CHECK ((status = 'TERMINATED') = (terminated_at IS NOT NULL))
);

CREATE INDEX entitlement_holder ON entitlement (holder_id, id);
CREATE INDEX entitlement_grantor ON entitlement (grantor_id, id);
