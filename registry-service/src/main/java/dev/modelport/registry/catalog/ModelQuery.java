package dev.modelport.registry.catalog;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Catalog filters; {@code after} is the keyset position of the page. {@code among}, when present, restricts the
 * result to those model ids (the models whose offers match the licence terms asked for).
 */
record ModelQuery(UUID after, Optional<UUID> ownerId, Optional<String> text, Optional<String> architecture,
                  Optional<Long> minParameters, Optional<Long> maxParameters, Optional<Set<UUID>> among) {
}
