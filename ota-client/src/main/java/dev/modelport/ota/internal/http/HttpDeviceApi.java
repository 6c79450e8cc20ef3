package dev.modelport.ota.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.ota.DeviceApi;
import dev.modelport.ota.internal.Digests;
import dev.modelport.ota.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * {@link DeviceApi} over HttpURLConnection and JSON. Reading is lenient: unknown fields are
 * ignored, an unknown action becomes {@link DeviceApi.Action#UNKNOWN}. JSON answers are limited
 * to 1 MiB.
 */
public final class HttpDeviceApi implements DeviceApi {
  private static final long MAX_JSON = 1 << 20;
  private final URL base;
  private final Http.Timeouts timeouts;

  public HttpDeviceApi(URL serverUrl, Http.Timeouts timeouts) {
    String s = serverUrl.toString();
    try {
      this.base = new URL(s.endsWith("/") ? s : s + "/");
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
    this.timeouts = timeouts;
  }

  public URL base() {
    return base;
  }

  @Override
  public EnrollResponse enroll(EnrollRequest r) throws IOException {
    ObjectNode o = Json.object().put("enrollmentToken", r.enrollmentToken()).put("publicKey", r.publicKey());
    o.set("profile", profile(r.profile()));
    JsonNode a = post("device/v1/enroll", null, o, null).body;
    String id = Json.text(a, "deviceId");
    if (id == null) {
      throw new IOException("enroll answer lacks deviceId");
    }
    return new EnrollResponse(id);
  }

  @Override
  public TokenResponse token(TokenRequest r) throws IOException {
    ObjectNode o = Json.object().put("deviceId", r.deviceId()).put("timestamp", r.timestamp())
        .put("nonce", r.nonce()).put("signature", r.signature());
    JsonNode a = post("device/v1/token", null, o, null).body;
    String token = Json.text(a, "token");
    if (token == null) {
      throw new IOException("token answer lacks token");
    }
    return new TokenResponse(token, Json.text(a, "expiresAt"));
  }

  @Override
  public CheckIn checkIn(String bearer, CheckInRequest r, String etag) throws IOException {
    ObjectNode o = Json.object();
    o.set("profile", profile(r.profile()));
    if (r.installed() == null) {
      o.putNull("installed");
    } else {
      o.putObject("installed").put("buildDigest", r.installed().buildDigest());
    }
    Answer a = post("device/v1/checkin", bearer, o, etag);
    if (a.status == 304) {
      return new CheckIn(null, etag, true);
    }
    return new CheckIn(checkInResponse(a.body), a.etag, false);
  }

  /** Lenient reading of a check-in answer. */
  public static CheckInResponse checkInResponse(JsonNode a) {
    Action action;
    try {
      String s = Json.text(a, "action");
      action = s == null ? Action.UNKNOWN : Action.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      action = Action.UNKNOWN;
    }
    JsonNode tuf = Json.obj(a, "tuf");
    JsonNode target = Json.obj(a, "target");
    JsonNode delta = Json.obj(a, "delta");
    JsonNode filing = Json.obj(a, "filing");
    Long len = Json.integer(target, "length");
    return new CheckInResponse(action, Json.integer(a, "nextPollSeconds"),
        tuf == null ? null : new Tuf(Json.text(tuf, "repository"), Json.text(tuf, "targetPath")),
        target == null ? null : new Target(Json.text(target, "digest"), len == null ? -1 : len),
        delta == null ? null : new Delta(Json.text(delta, "fromDigest")),
        filing == null ? null : new Filing(Json.text(filing, "jurisdiction"), Json.text(filing, "number")));
  }

  @Override
  public ReportResponse report(String bearer, ReportRequest r) throws IOException {
    ObjectNode o = Json.object();
    ArrayNode events = o.putArray("events");
    for (ReportEvent e : r.events()) {
      ObjectNode n = events.addObject().put("eventId", e.eventId()).put("type", e.type());
      Json.putNullable(n, "buildDigest", e.buildDigest());
      Json.putNullable(n, "reason", e.reason());
      n.put("at", e.at());
    }
    JsonNode a = post("device/v1/reports", bearer, o, null).body;
    List<String> acked = new ArrayList<>();
    JsonNode list = a.get("acknowledged");
    if (list != null && list.isArray()) {
      list.forEach(v -> {
        if (v.isTextual()) {
          acked.add(v.textValue());
        }
      });
    }
    return new ReportResponse(acked);
  }

  @Override
  public BlobResponse fetchBlob(String bearer, String digest, List<Range> ranges) throws IOException {
    URL url = new URL(base, "device/v1/blobs/sha256:" + Digests.hex(digest));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept-Encoding", "identity");
    if (ranges != null && !ranges.isEmpty()) {
      StringBuilder sb = new StringBuilder("bytes=");
      for (int i = 0; i < ranges.size(); i++) {
        Range r = ranges.get(i);
        sb.append(i == 0 ? "" : ",").append(r.offset()).append('-').append(r.end() - 1);
      }
      headers.put("Range", sb.toString());
    }
    // Redirects (to a presigned object-store URL) are followed without the bearer token.
    HttpURLConnection c = Http.get(url, timeouts, bearer, headers);
    try {
      return new HttpBlobResponse(c);
    } catch (IOException e) {
      c.disconnect();
      throw e;
    }
  }

  private static ObjectNode profile(Profile p) {
    ObjectNode o = Json.object();
    Json.putNullable(o, "deviceClass", p.deviceClass());
    Json.putNullable(o, "deviceModel", p.deviceModel());
    Json.putNullable(o, "region", p.region());
    Json.putNullable(o, "osVersion", p.osVersion());
    Json.putNullable(o, "runtimeVersion", p.runtimeVersion());
    if (p.freeStorageBytes() != null) {
      o.put("freeStorageBytes", p.freeStorageBytes());
    }
    return o;
  }

  private record Answer(int status, JsonNode body, String etag) {}

  private Answer post(String path, String bearer, ObjectNode body, String etag) throws IOException {
    HttpURLConnection c = Http.open(new URL(base, path), "POST", timeouts);
    try {
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      c.setRequestProperty("Accept", "application/json");
      if (bearer != null) {
        c.setRequestProperty("Authorization", "Bearer " + bearer);
      }
      if (etag != null) {
        c.setRequestProperty("If-None-Match", etag);
      }
      byte[] bytes = Json.bytes(body);
      c.setFixedLengthStreamingMode(bytes.length);
      try (OutputStream out = c.getOutputStream()) {
        out.write(bytes);
      }
      int status = c.getResponseCode();
      if (status == 304) {
        return new Answer(304, null, etag);
      }
      if (status < 200 || status >= 300) {
        throw Http.statusError(c, status);
      }
      byte[] answer;
      try (InputStream in = c.getInputStream()) {
        answer = Http.readUpTo(in, MAX_JSON);
      }
      if (answer.length > MAX_JSON) {
        throw new IOException(path + " answer longer than " + MAX_JSON + " bytes");
      }
      JsonNode n = answer.length == 0 ? Json.object() : Json.parse(answer);
      return new Answer(status, n, c.getHeaderField("ETag"));
    } finally {
      c.disconnect();
    }
  }
}
