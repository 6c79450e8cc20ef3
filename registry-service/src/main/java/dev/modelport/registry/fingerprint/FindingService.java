package dev.modelport.registry.fingerprint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.modelport.gguf.fingerprint.FingerprintSimilarity;
import dev.modelport.registry.audit.AuditLog;
import dev.modelport.registry.catalog.VersionName;
import dev.modelport.registry.catalog.VersionRef;
import dev.modelport.registry.catalog.VersionService;
import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.provenance.ProvenanceClass;
import dev.modelport.registry.provenance.ProvenanceEvidence;
import dev.modelport.registry.provenance.ProvenanceService;
import dev.modelport.registry.provenance.ProvenanceView;
import dev.modelport.registry.tenancy.AccessPolicy;
import dev.modelport.registry.tenancy.Caller;
import dev.modelport.registry.trust.log.LogEntry;
import dev.modelport.registry.trust.log.TransparencyLog;
import dev.modelport.signing.intoto.RegulatorActionPredicate;
import dev.modelport.signing.intoto.Statement;
import dev.modelport.signing.intoto.Subject;
import dev.modelport.signing.json.CanonicalJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Provenance findings: the owner sees its own; a regulator sees those of owners in its jurisdictions (the owner's
 * jurisdictions stand for where a version is distributed until distribution regions are modelled) and confirms or
 * dismisses them, each decision signed and logged; admins see all. Confirming suspends a "self-developed" claim.
 */
@ApplicationScoped
public class FindingService implements ProvenanceEvidence {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Inject
    FindingRepository findings;

    @Inject
    VersionService versions;

    @Inject
    ProvenanceService provenance;

    @Inject
    OrgService orgs;

    @Inject
    AccessPolicy access;

    @Inject
    TransparencyLog log;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Override
    @Transactional
    public List<ProvenanceView.FindingNote> findingsOf(UUID versionId) {
        return findings.ofVersion(versionId).stream().map(f -> {
            VersionRef matched = versions.ref(f.matchedVersionId);
            return new ProvenanceView.FindingNote(f.id.toString(), f.status.name(), matched.fullName(),
                    matched.model().owner().slug(), f.score, f.createdAt.toString());
        }).toList();
    }

    /** The queue: findings on versions claiming "self-developed" first, then oldest first. */
    @Transactional
    public Page<FindingView> list(Caller caller, FindingStatus status, String version, String cursor, int limit) {
        List<UUID> owners = null;
        if (!caller.isAdmin()) {
            OrgView org = caller.org().orElse(null);
            if (org == null) {
                return new Page<>(List.of(), null);
            }
            owners = caller.isRegulator() ? orgs.idsInJurisdictions(Set.copyOf(org.jurisdictions())) : List.of(org.id());
        }
        UUID versionId = null;
        if (version != null) {
            VersionName name;
            try {
                name = VersionName.parse(version);
            } catch (IllegalArgumentException e) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, "version: " + e.getMessage());
            }
            versionId = versions.readableRef(caller, name.owner(), name.model(), name.version()).id();
        }
        var key = FindingRepository.Key.decode(Cursor.decode(cursor));
        List<FindingRepository.Row> rows = findings.page(owners, status, versionId, key, limit + 1);
        return Page.of(rows, limit, r -> r.key().encode()).map(r -> view(caller, r.finding()));
    }

    @Transactional
    public FindingView get(Caller caller, UUID id) {
        FindingEntity f = load(id);
        access.requireRead(caller, orgs.get(f.ownerId));
        return view(caller, f);
    }

    /** Confirms: the weights are taken as the matched model's; a "self-developed" claim is suspended. */
    @Transactional
    public FindingView confirm(Caller caller, UUID id, String reason) {
        return decide(caller, id, FindingStatus.CONFIRMED, reason);
    }

    @Transactional
    public FindingView dismiss(Caller caller, UUID id, String reason) {
        return decide(caller, id, FindingStatus.DISMISSED, reason);
    }

    private FindingView decide(Caller caller, UUID id, FindingStatus decision, String reason) {
        FindingEntity f = load(id);
        OrgView owner = orgs.get(f.ownerId);
        OrgView regulator = caller.org().orElseThrow(() -> DomainException.forbidden("regulators act for an organisation"));
        Set<String> shared = new TreeSet<>(regulator.jurisdictions());
        shared.retainAll(owner.jurisdictions());
        if (!caller.isRegulator() || shared.isEmpty()) {
            throw DomainException.forbidden("only a regulator of a jurisdiction where '" + owner.slug()
                    + "' operates (" + String.join(", ", new TreeSet<>(owner.jurisdictions())) + ") decides this finding");
        }
        if (f.status != FindingStatus.OPEN) {
            throw new DomainException(ErrorCode.FINDING_DECIDED, "finding " + id + " was " + f.status + " by "
                    + f.decidedBy + " at " + f.decidedAt);
        }
        FindingView before = view(caller, f);
        VersionRef version = versions.ref(f.versionId);
        f.status = decision;
        f.reason = reason;
        f.decidedBy = caller.username();
        f.decidedOrgId = regulator.id();
        f.decidedAt = clock.instant();
        String action = decision == FindingStatus.CONFIRMED ? "CONFIRM_PROVENANCE_FINDING" : "DISMISS_PROVENANCE_FINDING";
        RegulatorActionPredicate predicate = RegulatorActionPredicate.builder().regulator(regulator.slug())
                .jurisdiction(shared.iterator().next()).action(action).target("provenance-finding:" + f.id
                        + " model-version:" + version.fullName())
                .reason(reason).effectiveAt(f.decidedAt).build();
        Subject subject = Subject.sha256("provenance-finding:" + f.id, sha256(view(caller, f)));
        LogEntry entry = log.signAndAppend(Statement.of(List.of(subject), predicate));
        f.decisionLogIndex = entry.index();
        findings.flush();
        if (decision == FindingStatus.CONFIRMED) {
            provenance.suspendSelfDevelopedClaim(f.versionId, "provenance finding " + f.id + " confirmed by "
                    + regulator.slug() + ": " + reason);
        }
        FindingView after = view(caller, f);
        audit.record(caller, owner, decision == FindingStatus.CONFIRMED ? "finding.confirmed" : "finding.dismissed",
                "finding", f.id.toString(), before, after);
        return after;
    }

    private FindingView view(Caller caller, FindingEntity f) {
        VersionRef version = versions.ref(f.versionId);
        VersionRef matched = versions.ref(f.matchedVersionId);
        boolean selfDeveloped = provenance.claimOf(f.versionId).map(c -> c == ProvenanceClass.SELF_DEVELOPED)
                .orElse(false);
        return new FindingView(f.id, version.fullName(), version.model().owner().slug(),
                versions.canRead(caller, matched) ? matched.fullName() : null, matched.model().owner().slug(),
                f.digest, f.matchedDigest, f.score, FingerprintSimilarity.THRESHOLD, f.status, selfDeveloped,
                f.reason, f.decidedBy, f.decidedAt, f.decisionLogIndex, f.createdAt);
    }

    private FindingEntity load(UUID id) {
        return findings.findByIdOptional(id).orElseThrow(() -> DomainException.notFound("finding " + id));
    }

    private static String sha256(Object value) {
        try {
            byte[] canonical = CanonicalJson.canonicalize(JSON.valueToTree(value));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
