-- The append-only audit trail. Each event's hash covers its content and the previous event's hash, so editing or
-- deleting a row breaks the chain and GET /api/v1/audit/verify reports it.
CREATE TABLE audit_event (
    seq          bigint        PRIMARY KEY,
    occurred_at  timestamptz   NOT NULL,
    actor        varchar(255)  NOT NULL,
    actor_name   varchar(255),
    actor_org_id uuid,
    org_id       uuid,
    action       varchar(64)   NOT NULL,
    object_type  varchar(32)   NOT NULL,
    object_id    varchar(300)  NOT NULL,
    before_json  text,
    after_json   text,
    prev_hash    varchar(64)   NOT NULL,
    hash         varchar(64)   NOT NULL,
    CONSTRAINT audit_seq_positive CHECK (seq > 0),
    CONSTRAINT audit_hash_format CHECK (hash ~ '^[0-9a-f]{64}$' AND prev_hash ~ '^[0-9a-f]{64}$')
);

CREATE INDEX audit_event_object ON audit_event (object_type, object_id, seq);
CREATE INDEX audit_event_org ON audit_event (org_id, seq);

-- The head of the chain: one row, locked by every append so that concurrent writers can never fork the chain,
-- and compared by verification so that deleting the newest events is noticed too.
CREATE TABLE audit_head (
    id        integer     PRIMARY KEY,
    seq       bigint      NOT NULL,
    hash      varchar(64) NOT NULL,
    CONSTRAINT audit_head_single CHECK (id = 1)
);

INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

-- Append-only for the application: UPDATE and DELETE are refused. Someone with the rights to disable this trigger
-- can still change rows, which is what the hash chain is for.
CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
