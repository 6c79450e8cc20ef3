package dev.modelport.ota;

/**
 * The build currently serving.
 *
 * @param buildDigest      {@code sha256:<hex>}
 * @param targetPath       the TUF target path it was verified under
 * @param provenanceClass  from the signed target's custom data, if the registry put it there
 * @param filing           the regulator filing the server named at check-in, or null
 */
public record ActiveModel(String buildDigest, long length, String targetPath, String provenanceClass, Filing filing) {
  /** A regulator filing covering the build (placeholder until the filing issue lands). */
  public record Filing(String jurisdiction, String number) {}
}
