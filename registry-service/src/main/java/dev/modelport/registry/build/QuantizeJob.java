package dev.modelport.registry.build;

import dev.modelport.gguf.format.GgufFormatException;
import dev.modelport.gguf.memory.MemoryEstimate;
import dev.modelport.gguf.memory.MemoryEstimator;
import dev.modelport.gguf.quant.QuantizeResult;
import dev.modelport.gguf.quant.Quantizer;
import dev.modelport.registry.blob.BlobService;
import dev.modelport.registry.blob.BlobStore;
import dev.modelport.registry.blob.Sha256Digest;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.job.JobHandler;
import dev.modelport.registry.job.JobProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;

/**
 * {@value #KIND}: quantizes a platform build's input with gguf's bit-exact quantizer (all cores, a few chunks of
 * memory per core), stores the output as a content-addressed blob held by the build's owner, signs the provenance
 * statement and makes the build READY. Safe to run again after a crash: the output is content-addressed and the
 * build is only changed in one final transaction.
 */
@ApplicationScoped
class QuantizeJob implements JobHandler {

    static final String KIND = "build.quantize";

    @Inject
    BuildRecorder recorder;

    @Inject
    BlobStore store;

    @Inject
    BlobService blobs;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String run(String params, JobProgress progress) throws Exception {
        UUID id = UUID.fromString(params);
        Optional<BuildRecorder.Work> work = recorder.startQuantize(id);
        if (work.isEmpty()) {
            return "{\"build\":\"" + id + "\",\"already\":\"READY\"}";
        }
        try {
            return quantize(work.get(), progress);
        } catch (DomainException e) {
            recorder.fail(id, e.code().name(), e.getMessage());
            throw e;
        } catch (GgufFormatException e) {
            recorder.fail(id, ErrorCode.BUILD_INPUT_UNSUITABLE.name(), e.getMessage());
            throw new DomainException(ErrorCode.BUILD_INPUT_UNSUITABLE, e.getMessage());
        } catch (Exception e) {
            recorder.fail(id, ErrorCode.INTERNAL.name(), e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    private String quantize(BuildRecorder.Work w, JobProgress progress) throws Exception {
        Path dir = Files.createTempDirectory("modelport-build-");
        try {
            Path in = store.file(Sha256Digest.parse(w.inputDigest()));
            Path out = dir.resolve("out.gguf");
            Instant started = Instant.now();
            QuantizeResult result = Quantizer.quantize(in, out, w.recipe().quantType(), progress::bytes);
            MemoryEstimate estimate = MemoryEstimator.estimate(result.header(), w.contextLength());
            blobs.storeProduced(w.ownerId(), out, new Sha256Digest(result.sha256()));
            recorder.completeQuantize(w.id(), result, estimate, started);
            return "{\"build\":\"" + w.id() + "\",\"outputDigest\":\"sha256:" + result.sha256() + "\"}";
        } finally {
            deleteQuietly(dir);
        }
    }

    static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // a temporary directory left behind is harmless
        }
    }
}
