/**
 * TUF 1.0 metadata (root, targets with delegations, snapshot, timestamp), a repository-side
 * {@link dev.modelport.signing.tuf.RepositoryBuilder} writing the consistent-snapshot layout
 * standard clients expect, and a client {@link dev.modelport.signing.tuf.TufUpdater} that follows
 * the specification's §5 workflow and throws one exception type per failure.
 *
 * <p>Signatures cover RFC 8785 canonical JSON of "signed", which is byte-identical to the OLPC
 * canonical JSON of python-tuf and tuf-js because we never sign floats or control characters.
 */
package dev.modelport.signing.tuf;
