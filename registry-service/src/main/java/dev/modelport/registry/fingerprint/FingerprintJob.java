package dev.modelport.registry.fingerprint;

import dev.modelport.gguf.fingerprint.WeightFingerprint;
import dev.modelport.gguf.format.GgufFormatException;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.job.JobHandler;
import dev.modelport.registry.job.JobProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@value #KIND}: fingerprints one weight blob (params: its digest) and screens the versions that carry it. */
@ApplicationScoped
class FingerprintJob implements JobHandler {

    static final String KIND = "fingerprint.compute";

    @Inject
    FingerprintService service;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String run(String digest, JobProgress progress) throws Exception {
        int layers = -1;
        if (!service.known(digest)) {
            WeightFingerprint fp;
            try {
                fp = service.compute(digest);
            } catch (GgufFormatException e) {
                throw new DomainException(ErrorCode.NOT_GGUF, "cannot fingerprint " + digest + ": " + e.getMessage());
            }
            service.save(digest, fp);
            layers = fp.layers();
        }
        int screened = service.screenUsersOf(digest);
        return "{\"digest\":\"" + digest + "\",\"layers\":" + layers + ",\"versionsScreened\":" + screened + "}";
    }
}
