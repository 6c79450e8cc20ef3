/**
 * in-toto Statement v1 and Modelport's typed predicates. Build provenance uses the SLSA Provenance
 * v1 shape ({@code https://slsa.dev/provenance/v1}); release, filing record, regulator action and
 * key event use {@code https://modelport.dev/attestation/<kind>/v1}.
 */
package dev.modelport.signing.intoto;
