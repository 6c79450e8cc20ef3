package dev.modelport.registry.fingerprint;

import dev.modelport.gguf.fingerprint.Fingerprinter;
import dev.modelport.gguf.fingerprint.WeightFingerprint;
import dev.modelport.registry.blob.BlobService;
import dev.modelport.registry.blob.BlobStore;
import dev.modelport.registry.blob.Sha256Digest;
import dev.modelport.registry.blob.WeightsStored;
import dev.modelport.registry.build.BuildOutputStored;
import dev.modelport.registry.job.JobService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Weight fingerprints of every uploaded weight file and every build output. Fingerprinting streams the file (gguf's
 * Fingerprinter dequantizes quantized tensors chunk by chunk) in a job; when a fingerprint is stored, every released
 * version carrying those weights is screened.
 */
@ApplicationScoped
public class FingerprintService {

    @Inject
    FingerprintRepository fingerprints;

    @Inject
    FindingScreener screener;

    @Inject
    WeightUses uses;

    @Inject
    JobService jobs;

    @Inject
    BlobStore store;

    @Inject
    BlobService blobs;

    @Inject
    Clock clock;

    /** An upload was registered: queue its fingerprint in the same transaction. */
    void onUpload(@Observes WeightsStored event) {
        queueUnlessKnown(event.digest(), event.ownerId());
    }

    /** A build became READY: screen its version now if its weights are fingerprinted, else fingerprint them first. */
    void onBuild(@Observes BuildOutputStored event) {
        if (fingerprints.findById(event.outputDigest()) != null) {
            screener.screen(event.versionId());
        } else {
            queueUnlessKnown(event.outputDigest(), event.ownerId());
        }
    }

    private void queueUnlessKnown(String digest, UUID ownerId) {
        if (fingerprints.findById(digest) == null) {
            jobs.submit(FingerprintJob.KIND, ownerId, digest);
        }
    }

    /** The stored fingerprint of the weights {@code digest}, in gguf's text form. */
    @Transactional
    public Optional<String> fingerprintOf(String digest) {
        return fingerprints.findByIdOptional(digest).map(f -> f.signature);
    }

    /** Streams the blob, outside any transaction. */
    WeightFingerprint compute(String digest) throws IOException {
        return Fingerprinter.of(store.file(Sha256Digest.parse(digest)));
    }

    @Transactional
    void save(String digest, WeightFingerprint fp) {
        if (fingerprints.findById(digest) != null) {
            return;
        }
        FingerprintEntity f = new FingerprintEntity();
        f.digest = digest;
        f.architecture = blobs.summary(digest).architecture();
        f.layers = fp.layers();
        f.signature = fp.encode();
        f.computedAt = clock.instant();
        fingerprints.persist(f);
    }

    /** Screens every released version that carries {@code digest}; each in its own transaction. */
    int screenUsersOf(String digest) {
        var versions = QuarkusTransaction.requiringNew().call(() -> uses.versionsUsing(digest));
        versions.forEach(screener::screen);
        return versions.size();
    }

    boolean known(String digest) {
        return QuarkusTransaction.requiringNew().call(() -> fingerprints.findById(digest) != null);
    }
}
