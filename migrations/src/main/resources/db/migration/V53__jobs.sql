-- Long jobs (quantization, fingerprinting, dossiers): their state and progress, which any instance reports.
-- Quartz (V52) decides which instance runs a job and re-runs it elsewhere when that instance dies.
CREATE TABLE job (
    id                uuid          PRIMARY KEY,
    kind              varchar(64)   NOT NULL,
    owner_id          uuid          NOT NULL REFERENCES organisation (id),
    state             varchar(16)   NOT NULL,
    params            text          NOT NULL,
    result            text,
    progress_percent  numeric(5, 2) NOT NULL DEFAULT 0,
    bytes_done        bigint        NOT NULL DEFAULT 0,
    bytes_total       bigint,
    bytes_per_second  bigint,
    attempts          integer       NOT NULL DEFAULT 0,
    error_code        varchar(64),
    error_detail      varchar(2000),
    instance          varchar(200),
    created_at        timestamptz   NOT NULL,
    started_at        timestamptz,
    finished_at       timestamptz,
    version           bigint        NOT NULL DEFAULT 0,
    CONSTRAINT job_state_known CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    CONSTRAINT job_progress_range CHECK (progress_percent BETWEEN 0 AND 100)
);

CREATE INDEX job_owner_created ON job (owner_id, created_at DESC);
