-- With the S3 blob backend, a resumable upload is staged in the bucket as an S3 multipart upload, so any instance
-- behind the load balancer can continue it (docs/decisions/0008). This row is its state: the parts uploaded so far
-- (each at least S3's 5 MiB minimum) and the tail of fewer bytes than a part, kept as its own small object until
-- the next chunk or the completion makes it a part. length = sum(parts) + tail_length.
CREATE TABLE upload_s3_staging (
    upload_id     uuid          PRIMARY KEY,
    s3_upload_id  varchar(1024) NOT NULL,
    parts         text          NOT NULL,
    tail_key      varchar(1024),
    tail_length   bigint        NOT NULL DEFAULT 0,
    assembled     boolean       NOT NULL DEFAULT false,
    version       bigint        NOT NULL DEFAULT 0,
    updated_at    timestamptz   NOT NULL,
    CONSTRAINT upload_s3_staging_tail CHECK (tail_length >= 0 AND (tail_length = 0 OR tail_key IS NOT NULL))
);
