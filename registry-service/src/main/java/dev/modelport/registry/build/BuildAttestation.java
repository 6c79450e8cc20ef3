package dev.modelport.registry.build;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.registry.trust.TrustKeyService;
import dev.modelport.registry.trust.log.LogEntry;
import dev.modelport.registry.trust.log.TransparencyLog;
import dev.modelport.signing.dsse.Envelope;
import dev.modelport.signing.intoto.BuildProvenance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Signs a build's in-toto build-provenance statement (SLSA provenance v1 shape) as the platform and appends it to
 * the transparency log. The subject is the output GGUF; the statement names the input digest, the quantizer and its
 * version, the recipe and every tensor's sha256.
 */
@ApplicationScoped
class BuildAttestation {

    /** An uploaded build: the owner declares how it was made; nobody has reproduced it yet. */
    static final String DECLARED_BUILD_TYPE = "https://modelport.dev/build/declared/v1";

    @Inject
    TrustKeyService keys;

    @Inject
    TransparencyLog log;

    /** The signed envelope and where the log put it. */
    record Signed(String envelopeJson, long logIndex) {
    }

    record Facts(String version, String deviceClass, String inputDigest, BuildRecipe recipe, String outputDigest,
                 Map<String, String> tensorSha256, String invocationId, Instant startedOn, Instant finishedOn) {
    }

    /** Joins the caller's transaction: if the build's state change rolls back, so does the log entry. */
    Signed platform(Facts f) {
        return sign(f, BuildProvenance.QUANTIZE_BUILD_TYPE, "VERIFIED", "https://modelport.dev/builders/platform");
    }

    Signed declared(Facts f, String uploader) {
        return sign(f, DECLARED_BUILD_TYPE, "DECLARED", "https://modelport.dev/builders/uploaded-by/" + uploader);
    }

    private Signed sign(Facts f, String buildType, String derivation, String builderId) {
        ObjectNode recipe = f.recipe().json();
        recipe.put("deviceClass", f.deviceClass());
        recipe.put("derivation", derivation);
        BuildProvenance provenance = BuildProvenance.builder().buildType(buildType)
                .input(f.version(), hex(f.inputDigest()))
                .tool(BuildRecipe.TOOL, BuildRecipe.QUANTIZER_VERSION)
                .builderId(builderId)
                .recipe(recipe)
                .output(f.version() + "/" + f.deviceClass() + "/" + f.recipe().quantType() + ".gguf",
                        hex(f.outputDigest()))
                .tensorDigests(f.tensorSha256())
                .invocationId(f.invocationId())
                .startedOn(f.startedOn())
                .finishedOn(f.finishedOn())
                .build();
        Envelope envelope = keys.signAsPlatform(provenance.toStatement());
        LogEntry entry = log.append(envelope);
        return new Signed(new String(envelope.toJsonBytes(), StandardCharsets.UTF_8), entry.index());
    }

    private static String hex(String digest) {
        return digest.substring("sha256:".length());
    }
}
