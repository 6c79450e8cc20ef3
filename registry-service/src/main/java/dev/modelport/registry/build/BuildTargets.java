package dev.modelport.registry.build;

import dev.modelport.gguf.format.GgufFormatException;
import dev.modelport.gguf.format.GgufHeader;
import dev.modelport.gguf.format.GgufReader;
import dev.modelport.gguf.quant.QuantType;
import dev.modelport.registry.blob.BlobStore;
import dev.modelport.registry.blob.Sha256Digest;
import dev.modelport.registry.catalog.ModelService;
import dev.modelport.registry.catalog.VersionName;
import dev.modelport.registry.catalog.VersionRef;
import dev.modelport.registry.catalog.VersionService;
import dev.modelport.registry.catalog.VersionView;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.deviceclass.DeviceClassService;
import dev.modelport.registry.deviceclass.DeviceClassView;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.tenancy.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Resolves and checks what a build request names, for platform and uploaded builds alike: a published version the
 * caller may read and its GGUF input, the device class, the quantization type, the context length (the model's
 * unless given), and the licences along the lineage.
 */
@ApplicationScoped
class BuildTargets {

    @Inject
    VersionService versions;

    @Inject
    ModelService models;

    @Inject
    DeviceClassService deviceClasses;

    @Inject
    BuildChecks checks;

    @Inject
    BlobStore store;

    @Inject
    Clock clock;

    /** What both kinds of build request have in common, resolved and checked. */
    record Target(OrgView builder, VersionRef version, String inputDigest, DeviceClassView deviceClass,
                          QuantType quantType, int contextLength) {
    }

    Target target(Caller caller, String versionName, String deviceClass, String quantType,
                          Integer contextLength, String declaredInput) {
        OrgView builder = caller.org().orElseThrow(() -> DomainException.forbidden("builds belong to an organisation"));
        VersionName name = parseName(versionName);
        VersionRef version = versions.readableRef(caller, name.owner(), name.model(), name.version());
        if (!version.status().isReleased()) {
            throw new DomainException(ErrorCode.BUILD_INPUT_UNSUITABLE, version.fullName() + " is "
                    + version.status() + "; only published versions are built");
        }
        VersionView view = versions.get(caller, name.owner(), name.model(), name.version());
        List<String> inputs = view.artifacts().stream().filter(a -> "GGUF".equals(a.format()))
                .map(VersionView.ArtifactView::digest).toList();
        String input = declaredInput != null ? declaredInput : inputs.stream().findFirst().orElse(null);
        if (input == null || !inputs.contains(input)) {
            throw new DomainException(ErrorCode.BUILD_INPUT_UNSUITABLE, declaredInput == null
                    ? version.fullName() + " has no GGUF weight artifact"
                    : "the declared input " + declaredInput + " is not a weight artifact of " + version.fullName());
        }
        DeviceClassView dc = deviceClasses.get(deviceClass);
        checks.requireLicences(builder, version);
        int context = contextLength != null ? contextLength
                : models.get(caller, name.owner(), name.model()).contextLength();
        return new Target(builder, version, input, dc, QuantType.parse(quantType), context);
    }

    BuildEntity newBuild(Caller caller, Target t, BuildOrigin origin, Derivation derivation,
                                 BuildStatus status) {
        BuildEntity b = new BuildEntity();
        b.id = UUID.randomUUID();
        b.ownerId = t.builder().id();
        b.versionId = t.version().id();
        b.deviceClassId = deviceClasses.idOf(t.deviceClass().slug());
        b.deviceClassSlug = t.deviceClass().slug();
        b.quantType = t.quantType().name();
        b.origin = origin;
        b.derivation = derivation;
        b.status = status;
        b.inputDigest = t.inputDigest();
        b.contextLength = t.contextLength();
        b.recipe = new BuildRecipe(t.quantType()).canonical();
        b.createdBy = caller.username();
        b.createdAt = clock.instant();
        b.updatedAt = b.createdAt;
        return b;
    }

    Path file(String digest) {
        try {
            return store.file(Sha256Digest.parse(digest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    GgufHeader header(String digest) {
        try {
            return GgufReader.readHeader(file(digest));
        } catch (GgufFormatException e) {
            throw new DomainException(ErrorCode.BUILD_INPUT_UNSUITABLE, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static VersionName parseName(String text) {
        try {
            return VersionName.parse(text);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "version: " + e.getMessage());
        }
    }
}
