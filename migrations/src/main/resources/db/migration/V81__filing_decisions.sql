-- Regulator workflow: every decision on a filing, with its mandatory reason, kept as history. Each decision is two
-- statements in the transparency log: the regulator's action (regulator-action/v1) and the filing record as it then
-- stands (filing-record/v1); both indexes are kept so dossiers can prove them.
CREATE TABLE filing_decision (
    id                  uuid          PRIMARY KEY,
    filing_id           uuid          NOT NULL REFERENCES filing (id),
    decision            varchar(16)   NOT NULL,
    reason              varchar(2000) NOT NULL,
    decided_by          varchar(255)  NOT NULL,
    decided_at          timestamptz   NOT NULL,
    action_log_index    bigint        NOT NULL,
    record_log_index    bigint        NOT NULL,
    CONSTRAINT filing_decision_known CHECK (decision IN ('APPROVED', 'REJECTED', 'SUSPENDED')),
    CONSTRAINT filing_decision_reason CHECK (length(btrim(reason)) > 0)
);

CREATE INDEX filing_decision_filing ON filing_decision (filing_id, decided_at);

-- The regulator's queue: submitted filings of a jurisdiction, oldest first.
CREATE INDEX filing_queue ON filing (jurisdiction, status, created_at, id);
-- Filings covering a version (the distribution gate and the jurisdiction view look them up by version).
CREATE INDEX filing_version_version ON filing_version (version_id);
