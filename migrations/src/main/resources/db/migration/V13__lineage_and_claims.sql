-- Lineage: child version -> parent version. A parent of another organisation is used under an entitlement, whose
-- licence is copied here when the child is published, so provenance never changes after publication.
CREATE TABLE lineage_edge (
    child_id        uuid         NOT NULL REFERENCES model_version (id) ON DELETE CASCADE,
    parent_id       uuid         NOT NULL REFERENCES model_version (id),
    relation        varchar(24)  NOT NULL,
    entitlement_id  uuid         REFERENCES entitlement (id),
    spdx_id         varchar(64),
    licence_digest  varchar(71),
    PRIMARY KEY (child_id, parent_id),
    CONSTRAINT lineage_not_self CHECK (child_id <> parent_id),
    CONSTRAINT lineage_relation_known
        CHECK (relation IN ('FINETUNE', 'ADAPTER', 'MERGE', 'QUANTIZED', 'DISTILLED', 'CONTINUED_PRETRAIN')),
    CONSTRAINT lineage_licence_only_with_entitlement
        CHECK (entitlement_id IS NOT NULL OR (spdx_id IS NULL AND licence_digest IS NULL))
);

CREATE INDEX lineage_edge_parent ON lineage_edge (parent_id);

-- A public statement by the owner about where a version came from. It must agree with the computed class.
CREATE TABLE provenance_claim (
    version_id  uuid          PRIMARY KEY REFERENCES model_version (id),
    claim       varchar(32)   NOT NULL,
    statement   varchar(2000) NOT NULL,
    claimed_by  varchar(255)  NOT NULL,
    created_at  timestamptz   NOT NULL,
    CONSTRAINT claim_class_known CHECK (claim IN ('SELF_DEVELOPED', 'DERIVED_FROM_LICENSED', 'DERIVED_FROM_OPEN'))
);
