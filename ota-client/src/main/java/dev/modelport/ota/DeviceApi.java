package dev.modelport.ota;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The client's view of the registry's device API ({@code /device/v1}). Implementations must read
 * JSON leniently (ignore unknown fields) so that old devices keep working with newer servers. The
 * HTTP implementation is {@code dev.modelport.ota.internal.http.HttpDeviceApi}; see
 * {@code docs/ota-client.md} for the exact wire protocol.
 *
 * <p>Every call except {@link #enroll} and {@link #token} takes the bearer token from {@link
 * #token}; a call made with an expired or revoked token throws {@link UnauthorizedException}.
 */
public interface DeviceApi {

  /** {@code POST /device/v1/enroll}: registers the device key with a one-time enrollment token. */
  EnrollResponse enroll(EnrollRequest request) throws IOException;

  /** {@code POST /device/v1/token}: a short-lived bearer token for a signed, fresh request. */
  TokenResponse token(TokenRequest request) throws IOException;

  /**
   * {@code POST /device/v1/checkin} with {@code If-None-Match: etag} when {@code etag} is not
   * null. A 304 answer comes back as {@link CheckIn#notModified()}.
   */
  CheckIn checkIn(String bearerToken, CheckInRequest request, String etag) throws IOException;

  /** {@code POST /device/v1/reports}: returns the acknowledged event ids. */
  ReportResponse report(String bearerToken, ReportRequest request) throws IOException;

  /**
   * {@code GET /device/v1/blobs/sha256:<hex>} with a {@code Range} header of {@code ranges}
   * (none: the whole blob). The answer may hold the requested ranges (206, one part or
   * multipart/byteranges), a different set of ranges, or the whole blob (200); the caller takes
   * what it needs from {@link BlobResponse#nextPart()}.
   */
  BlobResponse fetchBlob(String bearerToken, String digest, List<Range> ranges) throws IOException;

  // ---- wire records (JSON field names are the record component names) ----

  record Profile(String deviceClass, String deviceModel, String region, String osVersion, String runtimeVersion,
      Long freeStorageBytes) {}

  record EnrollRequest(String enrollmentToken, String publicKey, Profile profile) {}

  record EnrollResponse(String deviceId) {}

  /** {@code signature}: base64 Ed25519 over the RFC 8785 canonical JSON of {deviceId, nonce, timestamp}. */
  record TokenRequest(String deviceId, String timestamp, String nonce, String signature) {}

  /** {@code expiresAt}: ISO-8601 UTC. */
  record TokenResponse(String token, String expiresAt) {}

  record Installed(String buildDigest) {}

  record CheckInRequest(Profile profile, Installed installed) {}

  enum Action {
    NO_UPDATE,
    UPDATE,
    ROLLBACK,
    REMOVE,
    /** Any action this client does not know; treated as NO_UPDATE. */
    @JsonEnumDefaultValue
    UNKNOWN
  }

  /** {@code repository}: base URL (absolute, or relative to the server URL) of the channel's TUF metadata. */
  record Tuf(String repository, String targetPath) {}

  record Target(String digest, long length) {}

  record Delta(String fromDigest) {}

  record Filing(String jurisdiction, String number) {}

  record CheckInResponse(Action action, Long nextPollSeconds, Tuf tuf, Target target, Delta delta, Filing filing) {}

  /** A check-in answer; {@code response} is null when {@code notModified}. */
  record CheckIn(CheckInResponse response, String etag, boolean notModified) {}

  /** {@code at}: ISO-8601 UTC. */
  record ReportEvent(String eventId, String type, String buildDigest, String reason, String at) {}

  record ReportRequest(List<ReportEvent> events) {}

  record ReportResponse(List<String> acknowledged) {}

  /** An inclusive-exclusive byte range {@code [offset, offset + length)}. */
  record Range(long offset, long length) {
    public Range {
      if (offset < 0 || length <= 0) {
        throw new IllegalArgumentException("bad range " + offset + "+" + length);
      }
    }

    public long end() {
      return offset + length;
    }
  }

  /** One run of contiguous blob bytes in an answer. */
  record Part(long offset, long length, InputStream body) {}

  /** A blob answer, read part by part. Closing it releases the connection. */
  interface BlobResponse extends AutoCloseable {
    /** Full size of the blob as the server states it, or -1 if it did not. */
    long totalLength();

    /** The next part, or null after the last one. Read each part's body before asking for the next. */
    Part nextPart() throws IOException;

    /** Bytes received from the network for this response so far, framing included. */
    long bytesReceived();

    @Override
    void close();
  }

  /** The server refused the bearer token (HTTP 401); the client gets a new one and retries once. */
  final class UnauthorizedException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnauthorizedException(String message) {
      super(message);
    }
  }

  /** The server answered with an unexpected HTTP status. */
  final class HttpStatusException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public HttpStatusException(int status, String message) {
      super("HTTP " + status + ": " + message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
