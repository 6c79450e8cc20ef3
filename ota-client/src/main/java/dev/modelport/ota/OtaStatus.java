package dev.modelport.ota;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of a device's state directory, readable without a running client.
 *
 * @param deviceId          null until enrolled
 * @param active            the active build, or null
 * @param activeSlot        {@code a} or {@code b}, or null
 * @param verification      how the active build was verified (TUF role, root version, counter)
 * @param previousDigest    the last healthy build kept for rollback, or null
 * @param antiRollback      the device's anti-rollback counter
 * @param stagingDigests    builds partially downloaded
 * @param pendingReports    events not yet acknowledged by the server
 * @param recentEvents      the last few events, oldest first
 * @param rejected          builds refused after install, with reasons
 */
public record OtaStatus(String deviceId, ActiveModel active, String activeSlot, String verification,
    String previousDigest, long antiRollback, List<String> stagingDigests, int pendingReports,
    List<OtaEvent> recentEvents, Map<String, String> rejected) {}
