#!/usr/bin/env bash
# Creates the secret files compose/docker-compose.yml mounts under /run/secrets, with a random
# PostgreSQL password: secrets/postgres_password and secrets/postgres_url (the URL Drift connects
# with, password included). Existing files are kept, because the PostgreSQL volume was initialised
# with the password they hold; delete secrets/ together with the volume (docker compose down -v)
# to start over. Nothing secret is printed.
#
# Compose hands file secrets to the containers as bind mounts with the host file's owner and mode,
# and the containers read them as users of their own (drift uid 10001, postgres). So the files are
# world-readable, inside a folder only its owner can enter: other users of this host cannot reach them.
set -euo pipefail

dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/secrets"
umask 077
mkdir -p "$dir"
chmod 0700 "$dir"

if [[ -e "$dir/postgres_password" || -e "$dir/postgres_url" ]]; then
  echo "init-secrets: $dir already holds secrets; keeping them"
  exit 0
fi

# Hex only, so the password needs no escaping inside a URL.
password="$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$password" >"$dir/postgres_password"
printf 'postgres://drift:%s@postgres:5432/drift\n' "$password" >"$dir/postgres_url"
chmod 0644 "$dir/postgres_password" "$dir/postgres_url"
echo "init-secrets: wrote $dir/postgres_password and $dir/postgres_url"
