-- Every change of a filing is a signed filing-record statement in the transparency log; this is the newest one's
-- index, so a regulator can fetch its inclusion proof.
ALTER TABLE filing ADD COLUMN log_index bigint;
