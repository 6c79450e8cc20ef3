package dev.modelport.ota.internal.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.ota.FailureCode;
import dev.modelport.ota.OtaException;
import dev.modelport.ota.internal.Digests;
import dev.modelport.ota.internal.http.Http;
import dev.modelport.ota.internal.http.HttpMetadataFetcher;
import dev.modelport.ota.internal.store.FileMetadataStore;
import dev.modelport.ota.internal.store.StateDir;
import dev.modelport.signing.tuf.BadHashException;
import dev.modelport.signing.tuf.BadLengthException;
import dev.modelport.signing.tuf.DelegationPathViolationException;
import dev.modelport.signing.tuf.EndlessDataException;
import dev.modelport.signing.tuf.ExpiredMetadataException;
import dev.modelport.signing.tuf.MalformedMetadataException;
import dev.modelport.signing.tuf.MetadataFetcher;
import dev.modelport.signing.tuf.MetadataUnavailableException;
import dev.modelport.signing.tuf.RollbackAttackException;
import dev.modelport.signing.tuf.TargetFile;
import dev.modelport.signing.tuf.TargetInfo;
import dev.modelport.signing.tuf.TargetNotFoundException;
import dev.modelport.signing.tuf.ThresholdNotMetException;
import dev.modelport.signing.tuf.TufException;
import dev.modelport.signing.tuf.TufUpdater;
import dev.modelport.signing.tuf.VersionMismatchException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs the TUF client workflow (signing's {@link TufUpdater}, TUF spec §5) against a channel's
 * repository and turns the trusted entry for a target path into a {@link VerifiedTarget}. Trusted
 * metadata is kept per repository URL under {@code tuf/} in the state directory; the pinned root
 * is the one the client was built with (or a newer one it rotated to).
 */
public final class TufVerifier {
  private final StateDir dir;
  private final byte[] pinnedRoot;
  private final Clock clock;
  private final Http.Timeouts timeouts;

  public TufVerifier(StateDir dir, byte[] pinnedRoot, Clock clock, Http.Timeouts timeouts) {
    this.dir = dir;
    this.pinnedRoot = pinnedRoot.clone();
    this.clock = clock;
    this.timeouts = timeouts;
  }

  /** Refreshes metadata from {@code repository} and finds {@code targetPath} in it. */
  public VerifiedTarget verify(URL repository, String targetPath, Supplier<String> bearer) throws OtaException {
    MetadataFetcher fetcher = new HttpMetadataFetcher(repository, timeouts, bearer);
    try {
      FileMetadataStore store = new FileMetadataStore(dir.fs(), dir.tuf().resolve(repoKey(repository)));
      TufUpdater updater = TufUpdater.builder().trustedRoot(pinnedRoot).metadataFetcher(fetcher).store(store)
          .clock(clock).build();
      updater.refresh();
      TargetInfo info = updater.findTarget(targetPath);
      return toVerified(info, updater.rootVersion());
    } catch (TufException e) {
      throw new OtaException(codeOf(e), e.getMessage(), e);
    } catch (UncheckedIOException | IOException e) {
      throw new OtaException(FailureCode.STORAGE_ERROR, "TUF metadata store: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new OtaException(FailureCode.TUF_MALFORMED, e.getMessage(), e);
    }
  }

  static String repoKey(URL repository) {
    String s = repository.toString();
    s = s.endsWith("/") ? s : s + "/";
    return Digests.hex(Digests.sha256().digest(s.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
  }

  static VerifiedTarget toVerified(TargetInfo info, int rootVersion) throws OtaException {
    TargetFile f = info.file();
    String sha = f.hashes().get("sha256");
    if (sha == null) {
      throw new OtaException(FailureCode.TARGET_UNSUPPORTED, info.path() + " has no sha256 hash");
    }
    ObjectNode custom = f.custom();
    if (custom == null) {
      throw new OtaException(FailureCode.TARGET_UNSUPPORTED, info.path() + " has no custom data (deviceClasses)");
    }
    Set<String> classes = new LinkedHashSet<>();
    JsonNode dc = custom.get("deviceClasses");
    if (dc == null || !dc.isArray()) {
      throw new OtaException(FailureCode.TARGET_UNSUPPORTED, info.path() + " lists no deviceClasses");
    }
    dc.forEach(v -> classes.add(v.asText()));
    JsonNode ar = custom.get("antiRollback");
    long antiRollback = ar != null && ar.canConvertToLong() ? ar.longValue() : 0;
    JsonNode pc = custom.get("provenanceClass");
    List<VerifiedTarget.Tensor> tensors = new ArrayList<>();
    JsonNode ts = custom.get("tensors");
    if (ts != null && ts.isArray()) {
      for (JsonNode t : ts) {
        JsonNode off = t.get("offset");
        JsonNode len = t.get("length");
        JsonNode h = t.get("sha256");
        if (off == null || len == null || h == null || !off.canConvertToLong() || !len.canConvertToLong()) {
          tensors.clear(); // an unusable manifest only costs the delta, never correctness
          break;
        }
        tensors.add(new VerifiedTarget.Tensor(t.path("name").asText(), off.longValue(), len.longValue(), h.asText()));
      }
    }
    return new VerifiedTarget(info.path(), info.role(), rootVersion, f.length(), sha, classes, antiRollback,
        pc != null && pc.isTextual() ? pc.textValue() : null, tensors);
  }

  /** The stable failure code of each TUF failure (one exception type per spec failure). */
  public static FailureCode codeOf(TufException e) {
    if (e instanceof ThresholdNotMetException) {
      return FailureCode.TUF_THRESHOLD_NOT_MET;
    } else if (e instanceof RollbackAttackException) {
      return FailureCode.TUF_ROLLBACK;
    } else if (e instanceof ExpiredMetadataException) {
      return FailureCode.TUF_EXPIRED;
    } else if (e instanceof VersionMismatchException) {
      return FailureCode.TUF_VERSION_MISMATCH;
    } else if (e instanceof BadHashException) {
      return FailureCode.TUF_BAD_HASH;
    } else if (e instanceof BadLengthException || e instanceof EndlessDataException) {
      return FailureCode.TUF_BAD_LENGTH;
    } else if (e instanceof DelegationPathViolationException) {
      return FailureCode.TUF_DELEGATION_VIOLATION;
    } else if (e instanceof TargetNotFoundException) {
      return FailureCode.TUF_TARGET_NOT_FOUND;
    } else if (e instanceof MalformedMetadataException) {
      return FailureCode.TUF_MALFORMED;
    } else if (e instanceof MetadataUnavailableException) {
      return FailureCode.TUF_UNAVAILABLE;
    }
    return FailureCode.TUF_OTHER;
  }
}
