package dev.modelport.registry.blob;

import dev.modelport.registry.common.crypto.Sha256;
import dev.modelport.registry.audit.AuditLog;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.tenancy.AccessPolicy;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.tenancy.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resumable uploads. Bytes stream from the request straight to the staging file with a fixed buffer, so memory stays
 * flat whatever the size. Completion reads the staged file once, hashing it while the GGUF header is inspected;
 * a wrong digest or a file that is not GGUF leaves nothing behind.
 *
 * <p>Transactions are short and never span a stream: the session row is read, the bytes are written with no
 * transaction open, then the new offset is recorded.
 */
@ApplicationScoped
public class UploadService {

    private static final int BUFFER = 256 * 1024;

    @Inject
    UploadRepository uploads;

    @Inject
    BlobRepository blobs;

    @Inject
    BlobHolderRepository holders;

    @Inject
    BlobService blobViews;

    @Inject
    BlobStore store;

    @Inject
    WeightInspector inspector;

    @Inject
    BlobConfig config;

    @Inject
    AccessPolicy access;

    @Inject
    OrgService orgs;

    @Inject
    AuditLog audit;

    @Inject
    Event<WeightsStored> stored;

    /** Sessions with a request writing to them on this instance; a second writer is refused, never interleaved. */
    private final Set<UUID> busy = ConcurrentHashMap.newKeySet();

    /** A new session, or the open one of this organisation for the same digest and size ({@code resumed}). */
    public record Started(UploadView upload, boolean resumed) {
    }

    public Started start(Caller caller, OrgView org, String digestText, long size) {
        Sha256Digest digest = parseDigest(digestText);
        if (size > config.maxSize()) {
            throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "size " + size + " is larger than the largest upload accepted, " + config.maxSize() + " bytes");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            access.requireWrite(caller, org);
            var open = uploads.findOpen(org.id(), digest.toString(), size);
            if (open.isPresent()) {
                return new Started(view(open.get()), true);
            }
            UploadSessionEntity session = new UploadSessionEntity();
            session.id = UUID.randomUUID();
            session.organisationId = org.id();
            session.createdBy = caller.subject();
            session.digest = digest.toString();
            session.size = size;
            session.createdAt = Instant.now();
            session.updatedAt = session.createdAt;
            BlobEntity existing = blobs.findById(session.digest);
            if (existing != null && existing.size == size && holders.holds(org.id(), session.digest)) {
                // The organisation has proven it has these bytes before: nothing to send.
                session.committed = size;
                session.status = UploadStatus.COMPLETE;
            } else {
                session.status = UploadStatus.OPEN;
            }
            uploads.persist(session);
            return new Started(view(session), false);
        });
    }

    public UploadView get(Caller caller, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> view(load(caller, id, false)));
    }

    /** Appends the request body at {@code offset}, which must equal the committed offset. */
    public UploadView append(Caller caller, UUID id, long offset, InputStream body) {
        UploadSessionEntity session = QuarkusTransaction.requiringNew().call(() -> {
            UploadSessionEntity s = load(caller, id, true);
            requireOpen(s);
            if (offset != s.committed) {
                throw new DomainException(ErrorCode.UPLOAD_OFFSET_MISMATCH,
                        "Upload-Offset is " + offset + " but the server holds " + s.committed + " bytes; resume from "
                                + s.committed);
            }
            return s;
        });
        long size = session.size;
        exclusive(id, () -> {
            long length;
            try {
                length = store.staging(id).append(offset, body, size);
            } catch (BlobStore.PartialAppendException broken) {
                // The client went away mid-chunk: keep what arrived so that it resumes from there.
                recordOffset(id, offset, broken.length());
                throw new DomainException(ErrorCode.UPLOAD_INCOMPLETE,
                        "the request body ended early; the server holds " + broken.length() + " bytes");
            } catch (BlobStore.TooLongException e) {
                throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage());
            } catch (BlobStore.ConcurrentAppendException e) {
                throw new DomainException(ErrorCode.UPLOAD_BUSY, e.getMessage() + "; ask for the offset");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            recordOffset(id, offset, length);
        });
        return get(caller, id);
    }

    /** Verifies digest and GGUF header of a fully received upload and publishes the blob. */
    public UploadView complete(Caller caller, UUID id) {
        UploadSessionEntity session = QuarkusTransaction.requiringNew().call(() -> {
            UploadSessionEntity s = load(caller, id, true);
            if (s.status == UploadStatus.COMPLETE) {
                return s;
            }
            requireOpen(s);
            if (s.committed != s.size) {
                throw new DomainException(ErrorCode.UPLOAD_INCOMPLETE,
                        "the server holds " + s.committed + " of " + s.size + " bytes; send the rest first");
            }
            return s;
        });
        if (session.status == UploadStatus.COMPLETE) {
            return view(session);
        }
        Sha256Digest expected = Sha256Digest.parse(session.digest);
        exclusive(id, () -> {
            BlobStore.Staging staging = store.staging(id);
            WeightInfo info;
            try {
                Inspection inspection = inspect(staging, session.size);
                if (!inspection.digest.equals(expected)) {
                    fail(staging, id, "the bytes hash to " + inspection.digest);
                    throw new DomainException(ErrorCode.DIGEST_MISMATCH, "declared " + expected
                            + " but the uploaded bytes hash to " + inspection.digest + "; nothing was stored");
                }
                if (inspection.notGguf != null) {
                    fail(staging, id, inspection.notGguf);
                    throw new DomainException(ErrorCode.NOT_GGUF, "not a valid GGUF file: " + inspection.notGguf);
                }
                info = inspection.info;
                staging.commit(expected);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            QuarkusTransaction.requiringNew().run(() -> register(caller, id, expected, info));
        });
        return get(caller, id);
    }

    private record Inspection(Sha256Digest digest, WeightInfo info, String notGguf) {
    }

    /** One pass over the staged bytes: the header is inspected while everything is hashed. */
    private Inspection inspect(BlobStore.Staging staging, long size) throws IOException {
        MessageDigest sha = Sha256.newDigest();
        try (InputStream in = new DigestInputStream(staging.open(), sha)) {
            WeightInfo info = null;
            String notGguf = null;
            try {
                info = inspector.inspect(in, size);
            } catch (WeightInspector.NotGgufException e) {
                notGguf = e.getMessage();
            }
            byte[] buffer = new byte[BUFFER];
            while (in.read(buffer) != -1) {
                // draining through the digest
            }
            return new Inspection(Sha256Digest.of(sha.digest()), info, notGguf);
        }
    }

    private void register(Caller caller, UUID id, Sha256Digest digest, WeightInfo info) {
        UploadSessionEntity session = uploads.findById(id);
        BlobEntity blob = blobs.findById(digest.toString());
        if (blob == null) {
            blob = new BlobEntity();
            blob.digest = digest.toString();
            blob.size = session.size;
            blob.format = info.format();
            blob.ggufVersion = info.formatVersion();
            blob.architecture = info.architecture();
            blob.tensorCount = info.tensors().size();
            blob.tensors = blobViews.tensorsJson(info);
            blob.createdAt = Instant.now();
            blobs.persist(blob);
        }
        if (!holders.holds(session.organisationId, blob.digest)) {
            BlobHolderEntity holder = new BlobHolderEntity();
            holder.digest = blob.digest;
            holder.organisationId = session.organisationId;
            holder.createdAt = Instant.now();
            holders.persist(holder);
        }
        session.status = UploadStatus.COMPLETE;
        session.updatedAt = Instant.now();
        blobs.flush();
        audit.record(caller, orgs.get(session.organisationId), "blob.uploaded", "blob", blob.digest, null,
                BlobService.summary(blob));
        stored.fire(new WeightsStored(blob.digest, session.organisationId));
    }

    private void fail(BlobStore.Staging staging, UUID id, String reason) throws IOException {
        staging.discard();
        QuarkusTransaction.requiringNew().run(() -> {
            UploadSessionEntity s = uploads.findById(id);
            s.status = UploadStatus.FAILED;
            s.failure = reason.length() > 500 ? reason.substring(0, 500) : reason;
            s.updatedAt = Instant.now();
        });
    }

    private void recordOffset(UUID id, long from, long to) {
        QuarkusTransaction.requiringNew().run(() -> {
            UploadSessionEntity s = uploads.findById(id);
            if (s.committed == to) {
                return; // the store recorded it together with the staged bytes (S3Staging)
            }
            if (s.committed != from) {
                throw new DomainException(ErrorCode.UPLOAD_BUSY, "another request moved this upload meanwhile");
            }
            s.committed = to;
            s.updatedAt = Instant.now();
        });
    }

    private void exclusive(UUID id, Runnable work) {
        if (!busy.add(id)) {
            throw new DomainException(ErrorCode.UPLOAD_BUSY,
                    "another request is writing to upload " + id + "; wait for it, then ask for the offset");
        }
        try {
            work.run();
        } finally {
            busy.remove(id);
        }
    }

    private UploadSessionEntity load(Caller caller, UUID id, boolean write) {
        UploadSessionEntity session = uploads.findById(id);
        if (session == null) {
            throw DomainException.notFound("upload " + id);
        }
        OrgView owner = orgs.get(session.organisationId);
        // Another organisation's upload is reported as missing, not forbidden: its id says nothing to them.
        if (!caller.belongsTo(owner) && !(caller.isAdmin() && !write)) {
            throw DomainException.notFound("upload " + id);
        }
        return session;
    }

    private static void requireOpen(UploadSessionEntity s) {
        if (s.status != UploadStatus.OPEN) {
            throw new DomainException(ErrorCode.UPLOAD_CLOSED, "upload " + s.id + " is " + s.status
                    + (s.failure == null ? "" : " (" + s.failure + ")") + "; start a new one");
        }
    }

    private static Sha256Digest parseDigest(String text) {
        try {
            return Sha256Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "sha256: " + e.getMessage());
        }
    }

    private UploadView view(UploadSessionEntity s) {
        BlobView.BlobSummary blob = null;
        if (s.status == UploadStatus.COMPLETE) {
            BlobEntity b = blobs.findById(s.digest);
            blob = b == null ? null : BlobService.summary(b);
        }
        return new UploadView(s.id, s.digest, s.size, s.committed, s.status, s.failure, s.createdAt, blob);
    }
}
