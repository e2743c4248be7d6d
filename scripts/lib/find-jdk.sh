# shellcheck shell=bash
# Sourced by the drift-ops launcher and scripts/build-base-images.sh: finds a JDK 21 or newer.
#   find_jdk   prints the path of its java binary, or explains on stderr and returns 1

java_major() {  # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

find_jdk() {  # the newest of JAVA_HOME, PATH and /usr/lib/jvm, except that an explicit JAVA_HOME 21+ wins
  local candidates=() best="" best_major=0 c m
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for c in /usr/lib/jvm/*/bin/java; do [[ -x "$c" ]] && candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    [[ -x "$c" ]] || continue
    m="$(java_major "$c")"
    if [[ -n "$m" && "$m" -ge 21 && "$m" -gt "$best_major" ]]; then best="$c"; best_major="$m"; fi
    [[ "$c" == "${JAVA_HOME:-}/bin/java" && -n "$best" ]] && break
  done
  if [[ -z "$best" ]]; then
    printf '%s: no JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm); install one, e.g. apt-get install openjdk-21-jdk-headless\n' "${0##*/}" >&2
    return 1
  fi
  printf '%s\n' "$best"
}
