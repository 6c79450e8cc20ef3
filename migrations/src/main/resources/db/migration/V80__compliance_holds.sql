-- Compliance holds: a regulator suspends a model version in its jurisdiction. While a hold is active, rollouts to
-- that jurisdiction stop and devices there go back to the newest compliant build (or remove the model).
CREATE TABLE compliance_hold (
    id              uuid          PRIMARY KEY,
    version_id      uuid          NOT NULL REFERENCES model_version (id),
    jurisdiction    varchar(2)    NOT NULL,
    reason          varchar(2000) NOT NULL,
    placed_by       varchar(255)  NOT NULL,
    placed_at       timestamptz   NOT NULL,
    place_log_index bigint,
    lifted_by       varchar(255),
    lifted_at       timestamptz,
    lift_reason     varchar(2000),
    lift_log_index  bigint,
    version         bigint        NOT NULL DEFAULT 0,
    CONSTRAINT compliance_hold_jurisdiction_format CHECK (jurisdiction ~ '^[A-Z]{2}$'),
    CONSTRAINT compliance_hold_lift_complete CHECK ((lifted_at IS NULL) = (lifted_by IS NULL))
);

-- At most one active hold per version and jurisdiction.
CREATE UNIQUE INDEX compliance_hold_active ON compliance_hold (version_id, jurisdiction) WHERE lifted_at IS NULL;
