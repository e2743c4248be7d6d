#!/bin/sh
# TEST DOUBLE (not ZQLite): a zqlite that has no server command, as an embedded library's shell.
case "$1" in
  version) echo "zqlite test double" ;;
  *)
    echo "zqlite: unknown command '$1'" >&2
    echo "usage: zqlite <shell|version>" >&2
    exit 1 ;;
esac
