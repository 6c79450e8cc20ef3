package dev.modelport.registry.org;

public enum OrgKind {
    VENDOR, OEM, REGULATOR, PLATFORM
}
