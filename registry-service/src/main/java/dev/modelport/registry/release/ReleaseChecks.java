package dev.modelport.registry.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.registry.build.BuildCatalog;
import dev.modelport.registry.build.BuildView;
import dev.modelport.registry.catalog.VersionName;
import dev.modelport.registry.catalog.VersionRef;
import dev.modelport.registry.catalog.VersionService;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.deviceclass.DeviceClassService;
import dev.modelport.registry.distribution.DistributionConfig;
import dev.modelport.registry.distribution.Jurisdictions;
import dev.modelport.registry.filing.FilingGate;
import dev.modelport.registry.licensing.EntitlementMeter;
import dev.modelport.registry.licensing.EntitlementService;
import dev.modelport.registry.licensing.Licence;
import dev.modelport.registry.licensing.Right;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.provenance.ProvenanceService;
import dev.modelport.registry.provenance.ProvenanceView;
import dev.modelport.registry.tenancy.Caller;
import dev.modelport.registry.trust.tuf.TufTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What must hold before a release reaches any device: every build is READY, signed (provenance in the transparency
 * log), of this version and owner, one per device class; every licence in the version's lineage allows device
 * distribution in every target region; and every target region whose jurisdiction requires filing has an approved
 * filing covering the version.
 */
@ApplicationScoped
class ReleaseChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    BuildCatalog buildCatalog;

    @Inject
    DeviceClassService deviceClasses;

    @Inject
    EntitlementService entitlements;

    @Inject
    EntitlementMeter meter;

    @Inject
    FilingGate filingGate;

    @Inject
    ProvenanceService provenance;

    @Inject
    VersionService versions;

    @Inject
    DistributionConfig config;

    record Checked(List<ReleaseBuild> builds, UUID entitlementId, Map<String, String> filings) {
    }

    Checked check(Caller caller, OrgView owner, VersionRef version, List<String> regions, List<UUID> buildIds) {
        List<ReleaseBuild> builds = builds(owner, version, buildIds);
        UUID entitlement = licence(caller, owner, version, regions);
        return new Checked(builds, entitlement, filings(version, regions));
    }

    private List<ReleaseBuild> builds(OrgView owner, VersionRef version, List<UUID> ids) {
        List<ReleaseBuild> out = new ArrayList<>();
        Set<String> classes = new HashSet<>();
        for (UUID id : new java.util.LinkedHashSet<>(ids)) {
            BuildView b = buildCatalog.find(id).filter(x -> x.ownerId().equals(owner.id()))
                    .orElseThrow(() -> notDistributable("build " + id + " does not exist or is not "
                            + owner.slug() + "'s"));
            if (!b.versionId().equals(version.id())) {
                throw notDistributable("build " + id + " is not a build of " + version.fullName());
            }
            if (!b.ready()) {
                throw notDistributable("build " + id + " is " + b.status() + ", not READY");
            }
            if (!b.signed()) {
                throw notDistributable("build " + id + " has no signed provenance in the transparency log");
            }
            String deviceClass = deviceClasses.slugOf(b.deviceClassId());
            if (!classes.add(deviceClass)) {
                throw notDistributable("two builds for device class " + deviceClass + "; a release has one per class");
            }
            String path = owner.slug() + "/" + version.model().slug() + "-" + version.version() + "-" + deviceClass
                    + "-" + b.quantType().toLowerCase(Locale.ROOT) + ".gguf";
            out.add(new ReleaseBuild(b.id(), deviceClass, b.quantType(), path, b.outputDigest(), b.outputSize()));
        }
        return out;
    }

    /** Every foreign ancestor must be licensed for device distribution in every region; returns the first licence. */
    private UUID licence(Caller caller, OrgView owner, VersionRef version, List<String> regions) {
        ProvenanceView p = provenance.provenance(caller, version.model().owner().slug(), version.model().slug(),
                version.version().toString());
        UUID first = null;
        for (ProvenanceView.Ancestor a : p.ancestors()) {
            boolean licensed = a.licences().stream().anyMatch(l -> l.entitlement() != null);
            if (!a.foreign() || !licensed) {
                continue;
            }
            if (a.version() == null) {
                throw new DomainException(ErrorCode.LICENCE_REQUIRED, "an ancestor of " + version.fullName()
                        + " owned by '" + a.owner() + "' is not visible to check its licence");
            }
            VersionName name = VersionName.parse(a.version());
            VersionRef parent = versions.readableRef(caller, name.owner(), name.model(), name.version());
            Licence licence = entitlements.requireCoverage(owner, parent, Right.DEVICE_DISTRIBUTION,
                    "releasing " + version.fullName() + " to devices");
            EntitlementMeter.Terms terms = meter.terms(licence.entitlementId()).orElseThrow();
            List<String> outside = regions.stream().filter(r -> !Jurisdictions.covered(terms.territories(), r))
                    .toList();
            if (!outside.isEmpty()) {
                throw new DomainException(ErrorCode.LICENCE_TERRITORY, "entitlement " + terms.entitlementId()
                        + " ('" + terms.offerTitle() + "') allows device distribution only in "
                        + new java.util.TreeSet<>(terms.territories()) + ", not in " + outside);
            }
            first = first == null ? licence.entitlementId() : first;
        }
        return first;
    }

    private Map<String, String> filings(VersionRef version, List<String> regions) {
        Map<String, String> filings = new TreeMap<>();
        for (String region : regions) {
            for (String jurisdiction : Jurisdictions.of(region)) {
                if (config.filingRequired().contains(jurisdiction) && !filings.containsKey(jurisdiction)) {
                    String number = filingGate.approvedFiling(version.id(), jurisdiction).orElseThrow(() ->
                            new DomainException(ErrorCode.FILING_REQUIRED, jurisdiction + " requires an approved "
                                    + "filing covering " + version.fullName() + " before it reaches devices in "
                                    + region + "; none is approved"));
                    filings.put(jurisdiction, number);
                }
            }
        }
        return filings;
    }

    /** The TUF targets of a release's builds, with the custom fields the OTA client reads (docs/ota-client.md). */
    List<TufTarget> targets(Caller caller, List<ReleaseBuild> builds, int antiRollback, UUID versionId) {
        VersionRef v = versions.ref(versionId);
        String provenanceClass = provenance.provenance(caller, v.model().owner().slug(), v.model().slug(),
                v.version().toString()).provenanceClass().name();
        List<TufTarget> targets = new ArrayList<>();
        for (ReleaseBuild b : builds) {
            ObjectNode custom = JSON.createObjectNode();
            custom.putArray("deviceClasses").add(b.deviceClass());
            custom.put("antiRollback", antiRollback);
            custom.put("provenanceClass", provenanceClass);
            custom.put("modelVersion", v.fullName());
            custom.set("tensors", tensors(buildCatalog.find(b.buildId()).orElseThrow().tensorDigests()));
            targets.add(TufTarget.of(b.targetPath(), b.length(), b.digest().substring("sha256:".length()), custom));
        }
        return targets;
    }

    /** The build's tensor table ({@code digest: "sha256:<hex>"}) in the client's shape ({@code sha256: "<hex>"}). */
    private static ArrayNode tensors(String tensorDigests) {
        ArrayNode out = JSON.createArrayNode();
        try {
            for (JsonNode t : JSON.readTree(tensorDigests)) {
                String digest = t.path("digest").asText(t.path("sha256").asText());
                out.addObject().put("name", t.path("name").asText()).put("offset", t.path("offset").asLong())
                        .put("length", t.path("length").asLong())
                        .put("sha256", digest.startsWith("sha256:") ? digest.substring(7) : digest);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a build's tensor table does not parse", e);
        }
        return out;
    }

    private static DomainException notDistributable(String detail) {
        return new DomainException(ErrorCode.BUILD_NOT_DISTRIBUTABLE, detail);
    }
}
