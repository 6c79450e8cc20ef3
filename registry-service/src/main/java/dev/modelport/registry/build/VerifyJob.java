package dev.modelport.registry.build;

import dev.modelport.gguf.quant.QuantizeResult;
import dev.modelport.gguf.quant.Quantizer;
import dev.modelport.registry.blob.BlobStore;
import dev.modelport.registry.blob.Sha256Digest;
import dev.modelport.registry.job.JobHandler;
import dev.modelport.registry.job.JobProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * {@value #KIND}: re-runs an uploaded build's recipe on its declared input. The same bytes make its derivation
 * VERIFIED; otherwise it is a MISMATCH that names the first tensor (in file order) whose bytes differ.
 */
@ApplicationScoped
class VerifyJob implements JobHandler {

    static final String KIND = "build.verify";

    @Inject
    BuildRecorder recorder;

    @Inject
    BlobStore store;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String run(String params, JobProgress progress) throws Exception {
        BuildRecorder.Work w = recorder.load(UUID.fromString(params));
        Path dir = Files.createTempDirectory("modelport-verify-");
        try {
            Instant started = Instant.now();
            QuantizeResult rerun = Quantizer.quantize(store.file(Sha256Digest.parse(w.inputDigest())),
                    dir.resolve("rerun.gguf"), w.recipe().quantType(), progress::bytes);
            String rerunDigest = "sha256:" + rerun.sha256();
            boolean reproduced = rerunDigest.equals(w.outputDigest());
            String mismatch = reproduced ? null : difference(w, rerun);
            recorder.verified(w.id(), reproduced, mismatch, rerun, started);
            return "{\"build\":\"" + w.id() + "\",\"derivation\":\"" + (reproduced ? "VERIFIED" : "MISMATCH") + "\"}";
        } finally {
            QuantizeJob.deleteQuietly(dir);
        }
    }

    private static String difference(BuildRecorder.Work w, QuantizeResult rerun) {
        Map<String, String> uploaded = TensorDigests.hexByName(w.tensorDigests());
        for (Map.Entry<String, String> t : uploaded.entrySet()) {
            String expected = rerun.tensorSha256().get(t.getKey());
            if (expected == null) {
                return "tensor '" + t.getKey() + "' is not in the output of the recipe";
            }
            if (!expected.equals(t.getValue())) {
                return "tensor '" + t.getKey() + "' differs: uploaded sha256:" + t.getValue()
                        + ", re-running the recipe gives sha256:" + expected;
            }
        }
        for (String name : rerun.tensorSha256().keySet()) {
            if (!uploaded.containsKey(name)) {
                return "tensor '" + name + "' of the recipe's output is missing from the upload";
            }
        }
        return "every tensor matches but the files differ (metadata or layout): uploaded " + w.outputDigest()
                + ", re-run sha256:" + rerun.sha256();
    }
}
