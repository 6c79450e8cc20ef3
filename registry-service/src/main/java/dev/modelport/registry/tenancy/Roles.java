package dev.modelport.registry.tenancy;

/** Keycloak realm roles, as they reach us through {@code realm_access.roles}. */
public final class Roles {
    public static final String VENDOR = "vendor";
    public static final String OEM = "oem";
    public static final String REGULATOR = "regulator";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
