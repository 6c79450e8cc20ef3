package dev.modelport.registry.catalog;

/** PUBLIC models are listed in the catalog for everyone; PRIVATE ones follow the tenancy rule. */
public enum Visibility {
    PUBLIC, PRIVATE
}
