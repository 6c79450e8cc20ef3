-- The transparency log: an RFC 6962/9162 Merkle tree over DSSE envelopes. Append-only; appends are serialised by
-- a PostgreSQL advisory lock so the tree never forks.

-- Leaf idx holds the canonical envelope bytes; its leaf hash is SHA-256(0x00 || entry). Level 0 of the tree.
CREATE TABLE tlog_leaf (
    idx             bigint        PRIMARY KEY,
    leaf_hash       bytea         NOT NULL,
    entry           bytea         NOT NULL,
    predicate_type  varchar(200)  NOT NULL,
    subject_digest  varchar(64)   NOT NULL,
    created_at      timestamptz   NOT NULL,
    CONSTRAINT tlog_leaf_hash_unique UNIQUE (leaf_hash),
    CONSTRAINT tlog_leaf_hash_size CHECK (octet_length(leaf_hash) = 32),
    CONSTRAINT tlog_leaf_idx_non_negative CHECK (idx >= 0)
);

CREATE INDEX tlog_leaf_subject ON tlog_leaf (subject_digest);

-- Hashes of complete subtrees above the leaves: node (level, idx) covers leaves [idx << level, (idx + 1) << level).
-- Written once when the subtree fills up, so a proof reads O(log n) rows.
CREATE TABLE tlog_node (
    level  smallint  NOT NULL,
    idx    bigint    NOT NULL,
    hash   bytea     NOT NULL,
    PRIMARY KEY (level, idx),
    CONSTRAINT tlog_node_level_range CHECK (level BETWEEN 1 AND 63),
    CONSTRAINT tlog_node_hash_size CHECK (octet_length(hash) = 32)
);

-- The current tree head and its signed C2SP checkpoint. One row.
CREATE TABLE tlog_head (
    id          smallint     PRIMARY KEY,
    tree_size   bigint       NOT NULL,
    root_hash   bytea        NOT NULL,
    checkpoint  text         NOT NULL,
    updated_at  timestamptz  NOT NULL,
    CONSTRAINT tlog_head_single_row CHECK (id = 1)
);
