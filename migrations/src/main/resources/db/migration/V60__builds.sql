-- Device builds: one GGUF of a model version made for one device class and quantization type. Either the platform
-- made it (a quantize job, derivation VERIFIED by construction) or the owner uploaded one made elsewhere (DECLARED
-- until re-running the recipe on the declared input reproduces the same bytes).
CREATE TABLE build (
    id                     uuid          PRIMARY KEY,
    owner_id               uuid          NOT NULL REFERENCES organisation (id),
    version_id             uuid          NOT NULL REFERENCES model_version (id),
    device_class_id        uuid          NOT NULL REFERENCES device_class (id),
    quant_type             varchar(16)   NOT NULL,
    origin                 varchar(16)   NOT NULL,
    derivation             varchar(16)   NOT NULL,
    status                 varchar(16)   NOT NULL,
    input_digest           varchar(71)   NOT NULL REFERENCES blob (digest),
    output_digest          varchar(71)   REFERENCES blob (digest),
    output_size            bigint,
    context_length         integer,
    memory_estimate_bytes  bigint,
    job_id                 uuid          REFERENCES job (id),
    quantizer_version      varchar(64),
    -- The recipe as canonical JSON: {"quantType": "Q4_0", "pure": true, ...}; re-running it must reproduce the output.
    recipe                 text          NOT NULL,
    -- [{"name": ..., "offset": ..., "length": ..., "digest": "sha256:..."}] in file order; deltas use it.
    tensor_digests         text,
    -- The DSSE envelope of the signed in-toto build-provenance statement, and its transparency-log index.
    provenance_envelope    text,
    provenance_log_index   bigint,
    failure_code           varchar(64),
    failure_detail         varchar(2000),
    created_by             varchar(255)  NOT NULL,
    created_at             timestamptz   NOT NULL,
    updated_at             timestamptz   NOT NULL,
    version                bigint        NOT NULL DEFAULT 0,
    CONSTRAINT build_origin_known CHECK (origin IN ('PLATFORM', 'UPLOADED')),
    CONSTRAINT build_derivation_known CHECK (derivation IN ('VERIFIED', 'DECLARED', 'MISMATCH')),
    CONSTRAINT build_status_known CHECK (status IN ('QUEUED', 'RUNNING', 'READY', 'FAILED')),
    CONSTRAINT build_ready_has_output CHECK (status <> 'READY'
        OR (output_digest IS NOT NULL AND output_size IS NOT NULL AND tensor_digests IS NOT NULL
            AND provenance_envelope IS NOT NULL AND memory_estimate_bytes IS NOT NULL))
);

CREATE INDEX build_version ON build (version_id, device_class_id);
CREATE INDEX build_owner_created ON build (owner_id, created_at DESC);
CREATE INDEX build_output ON build (output_digest);
