package dev.modelport.registry.blob;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Picks the implementations: the configured blob store and the gguf module's header reader. */
class BlobBeans {

    @Produces
    @ApplicationScoped
    BlobStore blobStore(BlobConfig config, S3StagingLedger stagingLedger) {
        return switch (config.backend()) {
            case FILESYSTEM -> new FilesystemBlobStore(config.dir());
            case S3 -> S3BlobStore.create(config.s3(), new FilesystemBlobStore(config.dir()), stagingLedger);
        };
    }

    @Produces
    @ApplicationScoped
    WeightInspector weightInspector() {
        return new GgufWeightInspector();
    }
}
