#!/usr/bin/env bash
# Builds the base JVM image of `./modelport image` from Debian packages alone, so no container registry is needed:
# a Debian 12 minbase root file system with OpenJDK 17 (headless) and CA certificates, made by mmdebstrap, wrapped
# as a docker-archive tarball (the format of `docker save`), which Jib reads as quarkus.jib.base-jvm-image=tar://FILE.
# Usage: base-image.sh OUT.tar
set -euo pipefail
out="$1"
arch="$(dpkg --print-architecture)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

rootfs() {
  mmdebstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    bookworm "$work/layer.tar"
}
# One retry: a mirror hiccup during the package download fails the whole run.
rootfs || { echo "base-image: mmdebstrap failed; trying once more" >&2; rm -f "$work/layer.tar"; rootfs; }

diff_id="$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
mkdir "$work/$diff_id"
mv "$work/layer.tar" "$work/$diff_id/layer.tar"
cat > "$work/config.json" <<JSON
{"architecture":"$arch","os":"linux",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                  "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-$arch","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created_by":"mmdebstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm"}]}
JSON
config_id="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
mv "$work/config.json" "$work/$config_id.json"
printf '[{"Config":"%s.json","RepoTags":["modelport/base-jre:17-bookworm"],"Layers":["%s/layer.tar"]}]\n' \
  "$config_id" "$diff_id" > "$work/manifest.json"
tar -C "$work" -cf "$out.tmp" manifest.json "$config_id.json" "$diff_id/layer.tar"
mv "$out.tmp" "$out"
