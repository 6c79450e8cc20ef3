// Checks, in the browser, that a statement is in the transparency log: the leaf hash is recomputed from the stored
// entry, the inclusion proof is replayed up to the root of the latest checkpoint, and the checkpoint's signature is
// verified with the log's Ed25519 key (WebCrypto). Nothing is taken on the server's word except the log key.

const encoder = new TextEncoder();

export const hex = (bytes) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
export const fromHex = (text) => new Uint8Array(text.match(/../g).map((h) => parseInt(h, 16)));
const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};
const sha256 = async (bytes) => new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));

/** RFC 9162 §2.1.1: the hash of a leaf is SHA-256(0x00 || entry). */
export const leafHash = (entry) => sha256(concat(Uint8Array.of(0x00), entry));
/** RFC 9162 §2.1.1: the hash of an interior node is SHA-256(0x01 || left || right). */
const nodeHash = (left, right) => sha256(concat(Uint8Array.of(0x01), left, right));

/**
 * RFC 9162 §2.1.3.2, "Verifying an Inclusion Proof", step by step. Throws if the proof does not lead from the leaf
 * to {@code rootHash}; the numbered comments are the RFC's steps.
 */
export async function verifyInclusion(leafIndex, treeSize, leaf, proof, rootHash) {
  // 1. Compare leaf_index against tree_size. If leaf_index is greater than or equal to tree_size, fail.
  let fn = BigInt(leafIndex);
  let sn = BigInt(treeSize) - 1n;
  if (fn > sn) throw new Error(`leaf ${leafIndex} is outside a tree of ${treeSize}`);
  // 2-3. Set fn to leaf_index and sn to tree_size - 1; set r to hash.
  let r = leaf;
  // 4. For each value p in the inclusion_path array:
  for (const p of proof) {
    // a. If sn is 0, then stop the iteration and fail the proof verification.
    if (sn === 0n) throw new Error("the inclusion proof is longer than the tree is deep");
    if ((fn & 1n) === 1n || fn === sn) {
      // b. If LSB(fn) is set, or if fn is equal to sn: set r to HASH(0x01 || p || r); then, if LSB(fn) is not
      //    set, right-shift both fn and sn equally until either LSB(fn) is set or fn is 0.
      r = await nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
      }
    } else {
      // c. Otherwise: set r to HASH(0x01 || r || p).
      r = await nodeHash(r, p);
    }
    // d. Finally, right-shift both fn and sn one time.
    fn >>= 1n;
    sn >>= 1n;
  }
  // 5. Compare sn to 0. Compare r against the root_hash. If sn is equal to 0 and r and the root_hash are equal,
  //    then the log has proven the inclusion of hash. Otherwise, fail the proof verification.
  if (sn !== 0n) throw new Error("the inclusion proof is too short for this tree size");
  if (hex(r) !== hex(rootHash)) throw new Error("the proof leads to a different root hash than the checkpoint's");
}

/** A C2SP tlog-checkpoint signed note: origin, tree size, base64 root hash, blank line, signature lines. */
export function parseCheckpoint(note) {
  const split = note.lastIndexOf("\n\n");
  if (split < 0 || !note.endsWith("\n")) throw new Error("the checkpoint is not a signed note");
  const text = note.slice(0, split + 1);
  const [origin, size, root] = text.split("\n");
  if (!/^\d+$/.test(size)) throw new Error("the checkpoint's tree size is not a number");
  const signatures = note.slice(split + 2, -1).split("\n").map((line) => {
    const match = /^— (\S+) (\S+)$/.exec(line);
    if (!match) throw new Error("the checkpoint has a malformed signature line");
    const blob = fromBase64(match[2]);
    return { name: match[1], keyHash: hex(blob.slice(0, 4)), signature: blob.slice(4) };
  });
  return { text, origin, treeSize: Number(size), rootHash: fromBase64(root), signatures };
}

/**
 * Verifies the checkpoint's Ed25519 signature (C2SP signed-note) with a verifier key
 * {@code <name>+<hex key hash>+<base64(0x01 || public key)>}. Throws unless a signature by that key verifies.
 */
export async function verifyCheckpointSignature(checkpoint, vkey) {
  // The base64 key may itself contain '+': only the first two separate the fields.
  const first = vkey.indexOf("+");
  const second = vkey.indexOf("+", first + 1);
  const [name, keyHash, typedKey] = [vkey.slice(0, first), vkey.slice(first + 1, second), vkey.slice(second + 1)];
  const typed = fromBase64(typedKey);
  if (typed[0] !== 0x01 || typed.length !== 33) throw new Error("the log key is not an Ed25519 note key");
  const expectedHash = hex((await sha256(concat(encoder.encode(`${name}\n`), typed))).slice(0, 4));
  if (expectedHash !== keyHash) throw new Error("the log key's hash does not match its name and key");
  const line = checkpoint.signatures.find((s) => s.name === name && s.keyHash === keyHash);
  if (!line) throw new Error(`the checkpoint carries no signature by ${name}`);
  let key;
  try {
    key = await crypto.subtle.importKey("raw", typed.slice(1), { name: "Ed25519" }, false, ["verify"]);
  } catch (unsupported) {
    throw new Error("this browser's WebCrypto has no Ed25519; use a recent Chromium, Firefox or Safari, or ./modelport verify");
  }
  if (!(await crypto.subtle.verify({ name: "Ed25519" }, key, line.signature, encoder.encode(checkpoint.text)))) {
    throw new Error(`the checkpoint's signature by ${name} does not verify`);
  }
}
