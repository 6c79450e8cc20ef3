package dev.modelport.registry.blob;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.tenancy.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Blob metadata for other features: a blob is usable by an organisation only once that organisation uploaded it. */
@ApplicationScoped
public class BlobService {

    private static final TypeReference<List<WeightInfo.Tensor>> TENSORS = new TypeReference<>() {
    };

    @Inject
    BlobRepository blobs;

    @Inject
    BlobHolderRepository holders;

    @Inject
    ObjectMapper mapper;

    @Inject
    BlobStore store;

    @Inject
    WeightInspector inspector;

    /**
     * Stores a GGUF file the platform made (a build output) as the blob {@code digest}, held by {@code ownerId}
     * exactly as if that organisation had uploaded it. Streams; idempotent for the same bytes.
     */
    public BlobView storeProduced(UUID ownerId, Path file, Sha256Digest digest) throws IOException {
        long size = Files.size(file);
        WeightInfo info;
        try (InputStream in = Files.newInputStream(file)) {
            info = inspector.inspect(in, size);
        } catch (WeightInspector.NotGgufException e) {
            throw new IllegalStateException("the platform produced an invalid GGUF file: " + e.getMessage());
        }
        try (InputStream in = Files.newInputStream(file)) {
            store.put(digest, size, in);
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            BlobEntity blob = blobs.findById(digest.toString());
            if (blob == null) {
                blob = new BlobEntity();
                blob.digest = digest.toString();
                blob.size = size;
                blob.format = info.format();
                blob.ggufVersion = info.formatVersion();
                blob.architecture = info.architecture();
                blob.tensorCount = info.tensors().size();
                blob.tensors = tensorsJson(info);
                blob.createdAt = Instant.now();
                blobs.persist(blob);
            }
            if (!holders.holds(ownerId, blob.digest)) {
                BlobHolderEntity holder = new BlobHolderEntity();
                holder.digest = blob.digest;
                holder.organisationId = ownerId;
                holder.createdAt = Instant.now();
                holders.persist(holder);
            }
            return view(blob);
        });
    }

    /** Whether organisation {@code orgId} holds blob {@code digest} (uploaded it, or the platform made it for it). */
    @Transactional
    public boolean holds(UUID orgId, String digest) {
        return holders.holds(orgId, digest);
    }

    /** The blob {@code digest}, if {@code org} has uploaded it; otherwise UNKNOWN_BLOB. */
    @Transactional
    public BlobView requireHeld(OrgView org, String digest) {
        if (!holders.holds(org.id(), digest)) {
            throw new DomainException(ErrorCode.UNKNOWN_BLOB,
                    "organisation '" + org.slug() + "' has not uploaded blob " + digest);
        }
        return view(blobs.findById(digest));
    }

    /** Blob metadata for a caller who holds it or may read a version that uses it (checked by the caller). */
    @Transactional
    public BlobView get(String digest) {
        BlobEntity blob = blobs.findById(digest);
        if (blob == null) {
            throw DomainException.notFound("blob " + digest);
        }
        return view(blob);
    }

    /** Size, format and architecture of a stored blob, without its tensor list. */
    @Transactional
    public BlobView.BlobSummary summary(String digest) {
        BlobEntity blob = blobs.findById(digest);
        if (blob == null) {
            throw DomainException.notFound("blob " + digest);
        }
        return summary(blob);
    }

    static BlobView.BlobSummary summary(BlobEntity blob) {
        return new BlobView.BlobSummary(blob.digest, blob.size, blob.format, blob.architecture, blob.tensorCount);
    }

    @Transactional
    public BlobView getHeld(Caller caller, String digest) {
        UUID org = caller.org().map(OrgView::id).orElse(null);
        if (!caller.isAdmin() && (org == null || !holders.holds(org, digest))) {
            throw DomainException.notFound("blob " + digest);
        }
        return get(digest);
    }

    BlobView view(BlobEntity blob) {
        try {
            return new BlobView(blob.digest, blob.size, blob.format, blob.ggufVersion, blob.architecture,
                    blob.tensorCount, mapper.readValue(blob.tensors, TENSORS), blob.createdAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("blob " + blob.digest + " has an unreadable tensor list", e);
        }
    }

    String tensorsJson(WeightInfo info) {
        try {
            return mapper.writeValueAsString(info.tensors());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
