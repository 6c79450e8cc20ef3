package dev.modelport.registry.release;

import java.time.Instant;
import java.util.UUID;

/** A channel; {@code tufRepository} is the base URL of its TUF metadata, relative to the server URL. */
public record ChannelView(UUID id, String owner, String name, String model, String tufRepository,
                          Instant createdAt) {
}
