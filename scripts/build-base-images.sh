#!/usr/bin/env bash
# Builds, locally, the base images the tests run on. No image can be pulled on the machines this
# project is tested on, so the public defaults (debian:bookworm-slim, eclipse-temurin:21-jre,
# postgres) get local substitutes with the same interface:
#
#   drift-local/debian:bookworm   a Debian root made by debootstrap (minbase), docker-imported
#   drift-local/jre:latest        a jlink'ed runtime of the host's JDK 21+ at /opt/java/openjdk
#   drift-local/postgres:latest   PostgreSQL 15 from Debian's packages, with the env interface of
#                                 the official postgres image (scripts/base-images/postgres/)
#
#   scripts/build-base-images.sh             build the images that do not exist yet
#   scripts/build-base-images.sh --rebuild   build all of them again
#
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian) and DEBIAN_SECURITY_MIRROR
# (default http://deb.debian.org/debian-security). Needs root (debootstrap) and a Docker engine.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
# shellcheck source=scripts/lib/find-jdk.sh
source "$ROOT/scripts/lib/find-jdk.sh"

readonly DEBIAN_IMAGE=drift-local/debian:bookworm
readonly JRE_IMAGE=drift-local/jre:latest
readonly POSTGRES_IMAGE=drift-local/postgres:latest
readonly MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
readonly SECURITY_MIRROR="${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
# jdeps cannot list the server's modules from its shaded jar (the jar carries its libraries'
# module-info files), so this is a fixed list: all of Java SE plus the JDK modules that Jetty,
# the JDBC drivers, sqlite-jdbc and the JVM's own tooling reach for at run time.
readonly JRE_MODULES=java.se,jdk.charsets,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.jfr,jdk.localedata,jdk.management,jdk.management.agent,jdk.naming.dns,jdk.net,jdk.security.auth,jdk.security.jgss,jdk.unsupported,jdk.zipfs,jdk.jcmd

rebuild=false
case "${1:-}" in
  "") ;;
  --rebuild) rebuild=true ;;
  -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) printf 'build-base-images: unknown argument: %s (try --help)\n' "$1" >&2; exit 2 ;;
esac

current_step="starting"
work_dir=""
# On any exit: remove the scratch directory (a debootstrap root can hold device nodes and
# mounts, so unmount what debootstrap may have left before removing it), and on failure name
# the step that failed.
finish() {
  local rc=$?
  if [[ -n "$work_dir" ]]; then
    grep -o " $work_dir/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    rm -rf --one-file-system "$work_dir"
  fi
  if ((rc != 0)); then
    printf 'build-base-images: FAILED at step: %s (exit status %s)\n' "$current_step" "$rc" >&2
  fi
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

started=$SECONDS
step() {
  current_step="$*"
  printf '==> build-base-images [%s, %ss]: %s\n' "$(date -u +%H:%M:%S)" "$((SECONDS - started))" "$*"
}

# Runs a command with its output kept in the scratch directory; on failure shows the output's end.
logged() {
  local log="$work_dir/output.log"
  "$@" >"$log" 2>&1 || { local rc=$?; tail -n 30 "$log" >&2; return "$rc"; }
}

# True when image $1 has to be built: it does not exist, or --rebuild was given (the image it
# replaces is then noted in replaced_ids, to be removed at the end).
replaced_ids=()
wanted() {
  local id
  id="$(docker image inspect --format '{{.Id}}' "$1" 2>/dev/null)" || return 0
  if $rebuild; then
    replaced_ids+=("$id")
    return 0
  fi
  step "$1 exists, skipping (--rebuild builds it again)"
  return 1
}

build_debian() {
  step "$DEBIAN_IMAGE: debootstrap --variant=minbase bookworm from $MIRROR"
  local root="$work_dir/debian-root"
  logged debootstrap --variant=minbase bookworm "$root" "$MIRROR"

  step "$DEBIAN_IMAGE: apt sources with updates and security, caches emptied"
  cat >"$root/etc/apt/sources.list" <<EOF
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb $SECURITY_MIRROR bookworm-security main
EOF
  # As in Debian's official images: apt keeps no downloaded packages or caches in image layers,
  # and (as in the -slim variant) packages installed later leave out manuals and documentation.
  cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'EOF'
APT::Keep-Downloaded-Packages "false";
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  cat >"$root/etc/dpkg/dpkg.cfg.d/docker-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
EOF
  # Images start without package lists or downloaded packages; every Dockerfile runs apt-get update.
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb

  step "$DEBIAN_IMAGE: docker import"
  tar -C "$root" --numeric-owner -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' \
    - "$DEBIAN_IMAGE" >/dev/null
  rm -rf --one-file-system "$root"
}

build_jre() {
  step "$JRE_IMAGE: finding the host's JDK 21+"
  local java jdk_home
  java="$(find_jdk)"
  jdk_home="$(dirname "$(dirname "$(readlink -f "$java")")")"
  [[ -x "$jdk_home/bin/jlink" ]] || { printf 'the JDK at %s has no jlink\n' "$jdk_home" >&2; return 1; }

  step "$JRE_IMAGE: jlink of $jdk_home (Java $(java_major "$java"))"
  local context="$work_dir/jre"
  mkdir -p "$context"
  logged "$jdk_home/bin/jlink" --add-modules "$JRE_MODULES" --output "$context/openjdk" \
    --strip-debug --no-man-pages --no-header-files --generate-cds-archive

  step "$JRE_IMAGE: docker build"
  cp "$ROOT/scripts/base-images/jre/Dockerfile" "$context/"
  logged docker build --build-arg BASE_IMAGE="$DEBIAN_IMAGE" -t "$JRE_IMAGE" "$context"
}

build_postgres() {
  step "$POSTGRES_IMAGE: docker build (apt-get install postgresql-15 over the host network)"
  logged docker build --network host --build-arg BASE_IMAGE="$DEBIAN_IMAGE" -t "$POSTGRES_IMAGE" \
    "$ROOT/scripts/base-images/postgres"
}

step "checking the Docker engine"
docker info >/dev/null 2>&1 || { echo "no Docker engine answers (start dockerd)" >&2; exit 1; }
work_dir="$(mktemp -d /tmp/drift-base-images.XXXXXX)"

if wanted "$DEBIAN_IMAGE"; then
  ((EUID == 0)) || { echo "debootstrap needs root; run this script as root" >&2; exit 1; }
  command -v debootstrap >/dev/null || { echo "debootstrap is not installed (apt-get install debootstrap)" >&2; exit 1; }
  build_debian
fi
if wanted "$JRE_IMAGE"; then build_jre; fi
if wanted "$POSTGRES_IMAGE"; then build_postgres; fi

if ((${#replaced_ids[@]})); then
  step "removing the ${#replaced_ids[@]} replaced image(s) that no container uses"
  # Newest first, so an image goes before the one it was built FROM.
  for ((i = ${#replaced_ids[@]} - 1; i >= 0; i--)); do
    docker image rm "${replaced_ids[i]}" >/dev/null 2>&1 || true
  done
fi

step "done"
docker image ls --format '{{.Repository}}:{{.Tag}}  {{.Size}}' | sed -n 's|^drift-local/|    drift-local/|p'
