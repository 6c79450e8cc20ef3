package dev.modelport.registry.blob;

import java.util.UUID;

/**
 * CDI event, fired inside the transaction that registers an uploaded weight blob for an organisation. Observers
 * (weight fingerprints) may queue work in that transaction.
 */
public record WeightsStored(String digest, UUID ownerId) {
}
