'use strict';
// Runs the standard npm TUF client (tuf-js) against a Modelport repository: pins root.json, refreshes the
// metadata (following root rotations), finds a target through the OEM delegation, downloads and verifies it.
// Usage: node refresh-and-download.js <metadataBaseUrl> <targetBaseUrl> <trusted root.json> <work dir> <target path>
// Prints one JSON line; exit code 0 only when the target was downloaded and verified.
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { Updater } = require('tuf-js');

async function main() {
  const [metadataBaseUrl, targetBaseUrl, rootFile, workDir, targetPath] = process.argv.slice(2);
  const metadataDir = path.join(workDir, 'metadata');
  const targetDir = path.join(workDir, 'targets');
  fs.mkdirSync(metadataDir, { recursive: true });
  fs.mkdirSync(targetDir, { recursive: true });
  fs.copyFileSync(rootFile, path.join(metadataDir, 'root.json'));
  const updater = new Updater({ metadataBaseUrl, targetBaseUrl, metadataDir, targetDir });
  await updater.refresh();
  const info = await updater.getTargetInfo(targetPath);
  if (!info) {
    throw new Error('target ' + targetPath + ' not found');
  }
  const file = await updater.downloadTarget(info);
  const bytes = fs.readFileSync(file);
  const root = JSON.parse(fs.readFileSync(path.join(metadataDir, 'root.json'), 'utf8'));
  console.log(JSON.stringify({
    ok: true,
    path: targetPath,
    length: bytes.length,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    rootVersion: root.signed.version,
  }));
}

main().catch((e) => {
  console.log(JSON.stringify({ ok: false, error: String((e && e.message) || e), type: e && e.constructor && e.constructor.name }));
  process.exit(1);
});
