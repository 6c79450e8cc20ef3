/**
 * DSSE v1 envelopes: sign over PAE with byte lengths, verify a threshold of distinct trusted keys,
 * and return the payload only after verification.
 */
package dev.modelport.signing.dsse;
