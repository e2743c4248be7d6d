#!/usr/bin/env bash
# The helm test of both charts (copied into each chart's files/ by dev.drift.ops.charts.ChartModel; edit this one):
# logs in, pushes a blob, a config and a manifest, pulls them back, compares digests and deletes them.
# Plain HTTP/1.0 over bash's /dev/tcp: Drift's image has no curl, and 1.0 keeps bodies unchunked.
#   DRIFT_HOST, DRIFT_PORT  where Drift answers (its Service)
#   DRIFT_REPO              the repository to push to
#   DRIFT_LOGIN_DIR         holds files username and password; without them, no login is sent
set -euo pipefail
cd /tmp
auth=""
if [[ -s $DRIFT_LOGIN_DIR/username ]]; then
  auth="Authorization: Basic $(printf '%s:%s' "$(cat "$DRIFT_LOGIN_DIR/username")" "$(cat "$DRIFT_LOGIN_DIR/password")" | base64 -w0)"
fi
# request METHOD PATH [BODY_FILE [CONTENT_TYPE]]: sets status; headers in h, body in b
request() {
  local body=${3:-/dev/null} type=${4:-application/octet-stream}
  exec 3<>"/dev/tcp/$DRIFT_HOST/$DRIFT_PORT"
  { printf '%s %s HTTP/1.0\r\nHost: %s:%s\r\n' "$1" "$2" "$DRIFT_HOST" "$DRIFT_PORT"
    [[ -n $auth ]] && printf '%s\r\n' "$auth"
    printf 'Content-Type: %s\r\nContent-Length: %s\r\n\r\n' "$type" "$(stat -c %s "$body")"
    cat "$body"; } >&3
  cat <&3 > r; exec 3<&-
  sed '/^\r$/q' r > h; sed '1,/^\r$/d' r > b
  status=$(head -1 h | cut -d' ' -f2)
  echo "$1 $2 -> $status"
}
expect() { [[ $status == "$1" ]] || { echo "expected $1"; cat h b; exit 1; }; }
header() { grep -i "^$1:" h | head -1 | cut -d' ' -f2- | tr -d '\r'; }
digest() { echo "sha256:$(sha256sum "$1" | cut -d' ' -f1)"; }
repo=$DRIFT_REPO
request GET /v2/; expect 200
push() { # FILE
  request POST "/v2/$repo/blobs/uploads/"; expect 202
  local location; location=$(header Location); location=${location#http*://*/}; location=/${location#/}
  [[ $location == *\?* ]] && sep='&' || sep='?'
  request PUT "$location${sep}digest=$(digest "$1")" "$1"; expect 201
}
printf 'drift helm test %s\n' "$(date +%s%N)" > layer; printf '{}' > config
push layer; push config
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"%s","size":%s}]}' \
  "$(digest config)" "$(stat -c %s config)" "$(digest layer)" "$(stat -c %s layer)" > manifest
request PUT "/v2/$repo/manifests/v1" manifest application/vnd.oci.image.manifest.v1+json; expect 201
request GET "/v2/$repo/manifests/v1"; expect 200
[[ $(digest b) == "$(digest manifest)" ]] || { echo "manifest pulled back differs"; exit 1; }
request GET "/v2/$repo/blobs/$(digest layer)"; expect 200
[[ $(digest b) == "$(digest layer)" ]] || { echo "blob pulled back differs"; exit 1; }
request DELETE "/v2/$repo/manifests/$(digest manifest)"; expect 202
request DELETE "/v2/$repo/blobs/$(digest layer)"; expect 202
request DELETE "/v2/$repo/blobs/$(digest config)"; expect 202
request GET "/v2/$repo/manifests/v1"; expect 404
echo "pushed, pulled and deleted a manifest and its blobs through $DRIFT_HOST:$DRIFT_PORT"
