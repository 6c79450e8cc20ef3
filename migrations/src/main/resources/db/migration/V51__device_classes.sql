-- Device classes are platform-wide and admin-managed: each needs its own build because SoC, ABI and RAM differ.
CREATE TABLE device_class (
    id                     uuid         PRIMARY KEY,
    slug                   varchar(64)  NOT NULL,
    name                   varchar(200) NOT NULL,
    soc_family             varchar(64)  NOT NULL,
    abi                    varchar(32)  NOT NULL,
    ram_bytes              bigint       NOT NULL,
    accelerator            varchar(16)  NOT NULL,
    runtime_name           varchar(64)  NOT NULL,
    runtime_min_version    varchar(32)  NOT NULL,
    runtime_max_version    varchar(32),
    memory_budget_bytes    bigint       NOT NULL,
    created_at             timestamptz  NOT NULL,
    updated_at             timestamptz  NOT NULL,
    version                bigint       NOT NULL DEFAULT 0,
    CONSTRAINT device_class_slug_unique UNIQUE (slug),
    CONSTRAINT device_class_slug_format CHECK (slug ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    CONSTRAINT device_class_accelerator_known CHECK (accelerator IN ('NONE', 'GPU', 'NPU', 'DSP')),
    CONSTRAINT device_class_ram_positive CHECK (ram_bytes > 0),
    CONSTRAINT device_class_budget_within_ram CHECK (memory_budget_bytes > 0 AND memory_budget_bytes <= ram_bytes)
);
