package dev.modelport.registry.release;

import java.util.UUID;

/** One build of a release as devices see it: the TUF target path, digest and length for one device class. */
public record ReleaseBuild(UUID buildId, String deviceClass, String quantType, String targetPath, String digest,
                           long length) {
}
