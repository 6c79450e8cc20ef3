-- Distribution: channels, releases and staged rollouts (operator side), device reports, fleet state and licence
-- activations (device side). Check-ins read none of this per request: they are answered from an in-memory snapshot
-- that every instance rebuilds when distribution_epoch moves.

-- An OEM's channel (stable, beta, ...) for one of its model lines. Its TUF repository is <oem>/<name>.
CREATE TABLE channel (
    id          uuid         PRIMARY KEY,
    owner_id    uuid         NOT NULL REFERENCES organisation (id),
    model_id    uuid         NOT NULL REFERENCES model (id),
    name        varchar(64)  NOT NULL,
    created_by  varchar(255) NOT NULL,
    created_at  timestamptz  NOT NULL,
    version     bigint       NOT NULL DEFAULT 0,
    CONSTRAINT channel_name_format CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    CONSTRAINT channel_name_unique UNIQUE (owner_id, name)
);

-- A published model version with one build per device class. builds, regions and filings are JSON written once
-- at publication (a release is immutable): builds [{buildId, deviceClass, quantType, targetPath, digest, length}],
-- regions ["CN", ...], filings {"CN": "<filing number>"}.
CREATE TABLE release (
    id              uuid          PRIMARY KEY,
    channel_id      uuid          NOT NULL REFERENCES channel (id),
    version_id      uuid          NOT NULL REFERENCES model_version (id),
    seq             integer       NOT NULL,
    status          varchar(24)   NOT NULL,
    entitlement_id  uuid          REFERENCES entitlement (id),
    regions         text          NOT NULL,
    builds          text          NOT NULL,
    filings         text          NOT NULL,
    anti_rollback   integer       NOT NULL DEFAULT 0,
    log_index       bigint,
    created_by      varchar(255)  NOT NULL,
    created_at      timestamptz   NOT NULL,
    version         bigint        NOT NULL DEFAULT 0,
    CONSTRAINT release_seq_unique UNIQUE (channel_id, seq),
    CONSTRAINT release_status_known CHECK (status IN ('PUBLISHED', 'AWAITING_SIGNATURE')),
    CONSTRAINT release_anti_rollback CHECK (anti_rollback >= 0)
);

-- A release going to a cohort in stages. cohort and stages are JSON; current_stage indexes stages.
CREATE TABLE rollout (
    id                  uuid          PRIMARY KEY,
    owner_id            uuid          NOT NULL REFERENCES organisation (id),
    channel_id          uuid          NOT NULL REFERENCES channel (id),
    release_id          uuid          NOT NULL REFERENCES release (id),
    previous_rollout_id uuid          REFERENCES rollout (id),
    status              varchar(16)   NOT NULL,
    cohort              text          NOT NULL,
    stages              text          NOT NULL,
    current_stage       integer       NOT NULL,
    auto_advance        boolean       NOT NULL,
    halt_reason         varchar(2000),
    stage_started_at    timestamptz   NOT NULL,
    created_by          varchar(255)  NOT NULL,
    created_at          timestamptz   NOT NULL,
    updated_at          timestamptz   NOT NULL,
    version             bigint        NOT NULL DEFAULT 0,
    CONSTRAINT rollout_status_known CHECK (status IN ('RUNNING', 'PAUSED', 'HALTED', 'COMPLETED', 'ABORTED',
        'ROLLED_BACK', 'SUPERSEDED'))
);

CREATE INDEX rollout_channel ON rollout (channel_id, created_at DESC);
CREATE INDEX rollout_status ON rollout (status);

-- Device reports, stored once per (device, eventId): a device resends until acknowledged.
CREATE TABLE device_report (
    device_id    varchar(40)   NOT NULL REFERENCES device (id),
    event_id     varchar(64)   NOT NULL,
    owner_id     uuid          NOT NULL REFERENCES organisation (id),
    type         varchar(16)   NOT NULL,
    build_digest varchar(71),
    reason       varchar(1000),
    reason_code  varchar(64),
    rollout_id   uuid,
    occurred_at  timestamptz   NOT NULL,
    received_at  timestamptz   NOT NULL,
    PRIMARY KEY (device_id, event_id)
);

CREATE INDEX device_report_failures ON device_report (owner_id, reason_code) WHERE type = 'FAILED';
CREATE INDEX device_report_rollout_failures ON device_report (rollout_id, reason_code) WHERE type = 'FAILED';

-- The latest reported state of each device: fleet views and the stage rules count these rows.
CREATE TABLE device_state (
    device_id    varchar(40)   PRIMARY KEY REFERENCES device (id),
    owner_id     uuid          NOT NULL REFERENCES organisation (id),
    build_digest varchar(71),
    version_id   uuid,
    status       varchar(16)   NOT NULL,
    reason_code  varchar(64),
    rollout_id   uuid,
    stage        integer,
    updated_at   timestamptz   NOT NULL
);

CREATE INDEX device_state_rollout ON device_state (rollout_id, stage, status);
CREATE INDEX device_state_owner ON device_state (owner_id, build_digest);

-- Licence metering: the first HEALTHY install of a licensed model's build on a device, once per entitlement.
CREATE TABLE activation (
    entitlement_id uuid          NOT NULL REFERENCES entitlement (id),
    device_id      varchar(40)   NOT NULL REFERENCES device (id),
    build_digest   varchar(71)   NOT NULL,
    version_id     uuid          NOT NULL,
    activated_at   timestamptz   NOT NULL,
    PRIMARY KEY (entitlement_id, device_id)
);

CREATE INDEX activation_period ON activation (entitlement_id, activated_at);

-- Moved by every change that affects check-in answers; instances poll it and rebuild their snapshot.
CREATE TABLE distribution_epoch (
    id    integer PRIMARY KEY,
    epoch bigint  NOT NULL,
    CONSTRAINT distribution_epoch_single CHECK (id = 1)
);

INSERT INTO distribution_epoch (id, epoch) VALUES (1, 0);
