package dev.modelport.registry.blob;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Picks the implementations: the filesystem store and the gguf module's header reader. */
class BlobBeans {

    @Produces
    @ApplicationScoped
    BlobStore blobStore(BlobConfig config) {
        return new FilesystemBlobStore(config.dir());
    }

    @Produces
    @ApplicationScoped
    WeightInspector weightInspector() {
        return new GgufWeightInspector();
    }
}
