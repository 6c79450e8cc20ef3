-- A rollout resumed after a halt judges its stage rule on outcomes reported since the resume: the failures that
-- halted it stay in the counts operators see, but no longer count towards the rule (issue #6, resume semantics).
ALTER TABLE rollout ADD COLUMN rules_since timestamptz;

