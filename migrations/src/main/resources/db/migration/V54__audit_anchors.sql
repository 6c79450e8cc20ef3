-- Anchors of the audit chain in the transparency log: the chain head (seq, hash) at a moment, as a signed statement
-- in the log. Someone able to rewrite the whole audit table consistently still cannot change the logged anchors.
CREATE TABLE audit_anchor (
    seq          bigint       PRIMARY KEY REFERENCES audit_event (seq),
    hash         varchar(64)  NOT NULL,
    log_index    bigint       NOT NULL,
    leaf_hash    varchar(64)  NOT NULL,
    anchored_at  timestamptz  NOT NULL,
    CONSTRAINT audit_anchor_hash_format CHECK (hash ~ '^[0-9a-f]{64}$')
);
