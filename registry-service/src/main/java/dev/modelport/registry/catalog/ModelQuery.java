package dev.modelport.registry.catalog;

import java.util.Optional;
import java.util.UUID;

/** Catalog filters; {@code after} is the keyset position of the page. */
record ModelQuery(UUID after, Optional<UUID> ownerId, Optional<String> text, Optional<String> architecture) {
}
