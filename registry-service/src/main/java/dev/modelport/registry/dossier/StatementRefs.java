package dev.modelport.registry.dossier;

import java.util.Map;
import java.util.TreeMap;

/** The log entries a dossier refers to, each with a short description of what it attests. */
final class StatementRefs {

    private final Map<Long, String> about = new TreeMap<>();

    void add(Long logIndex, String description) {
        if (logIndex != null) {
            about.merge(logIndex, description, (a, b) -> a.equals(b) ? a : a + "; " + b);
        }
    }

    Map<Long, String> all() {
        return about;
    }

    long newest() {
        return ((TreeMap<Long, String>) about).lastKey();
    }
}
