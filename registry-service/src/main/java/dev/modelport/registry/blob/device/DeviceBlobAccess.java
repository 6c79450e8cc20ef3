package dev.modelport.registry.blob.device;

import dev.modelport.registry.blob.BlobService;
import dev.modelport.registry.blob.Sha256Digest;
import dev.modelport.registry.build.BuildCatalog;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.device.DeviceService;
import dev.modelport.registry.org.OrgService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Which blobs a phone may download: the outputs of ready builds owned by the OEM that enrolled it. Anything else is
 * reported as missing, so a device learns nothing about other OEMs' blobs.
 */
@ApplicationScoped
class DeviceBlobAccess {

    @Inject
    DeviceService devices;

    @Inject
    OrgService orgs;

    @Inject
    BuildCatalog builds;

    @Inject
    BlobService blobs;

    /** The size of blob {@code digest} if device {@code deviceId} may download it; otherwise NOT_FOUND. */
    long requireDownloadable(String deviceId, Sha256Digest digest) {
        UUID owner = orgs.get(devices.describe(deviceId).owner()).id();
        boolean ownBuild = builds.withOutput(digest.toString()).stream()
                .anyMatch(build -> build.ready() && owner.equals(build.ownerId()));
        if (!ownBuild) {
            throw DomainException.notFound("blob " + digest);
        }
        return blobs.summary(digest.toString()).size();
    }
}
