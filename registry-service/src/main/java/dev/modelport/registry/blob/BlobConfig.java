package dev.modelport.registry.blob;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

@ConfigMapping(prefix = "modelport.blobs")
public interface BlobConfig {

    /** Root directory of the filesystem blob store (blobs and staged uploads). */
    Path dir();

    /** The largest file an upload session may declare. */
    @WithDefault("68719476736")
    long maxSize();
}
