package dev.modelport.registry.trust;

/** Who holds the private key: the platform (sealed at rest) or the OEM itself (we store only the public key). */
public enum KeyCustody {
    PLATFORM, OEM
}
