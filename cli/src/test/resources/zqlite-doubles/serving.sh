#!/bin/sh
# TEST DOUBLE (not ZQLite; speaks no PostgreSQL). `server` serves files with busybox httpd: /health
# answers 200 "OK" when DOUBLE_HEALTH=ok, else there is no such file and it answers 404. `ping`
# fetches / and exits 0 when the server answers.
port=5433
case "$1" in
  server)
    shift
    while [ $# -gt 0 ]; do
      case "$1" in
        --port) port=$2; shift 2 ;;
        *) shift ;;
      esac
    done
    mkdir -p /tmp/www
    echo "zqlite test double" > /tmp/www/index.html
    if [ "$DOUBLE_HEALTH" = ok ]; then echo OK > /tmp/www/health; fi
    exec busybox httpd -f -p "$port" -h /tmp/www ;;
  ping)
    exec busybox wget -q -O /dev/null "http://127.0.0.1:$port/" ;;
  *)
    echo "usage: zqlite server|ping" >&2
    exit 2 ;;
esac
