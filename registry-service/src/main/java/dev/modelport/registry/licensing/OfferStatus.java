package dev.modelport.registry.licensing;

/** ACTIVE offers can be bought; WITHDRAWN ones cannot, and existing entitlements stay as they are. */
public enum OfferStatus {
    ACTIVE, WITHDRAWN
}
