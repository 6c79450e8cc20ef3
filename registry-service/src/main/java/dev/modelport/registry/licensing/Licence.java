package dev.modelport.registry.licensing;

import java.util.UUID;

/**
 * The licence under which a model version is used: the entitlement, and the offer's licence, which is open when it
 * has an SPDX id and custom when it has the digest of a licence text.
 */
public record Licence(UUID entitlementId, String grantor, String offerTitle, String spdxId, String licenceTextDigest) {

    public boolean isOpen() {
        return spdxId != null;
    }
}
