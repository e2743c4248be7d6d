#!/usr/bin/env bash
# Host-state test of scripts/local-cluster.sh: the cluster works, and after `down` the host looks
# exactly as it did before `up`.
#
#   scripts/local-cluster-test.sh
#
#   1. makes sure a Docker engine answers and drift-local/debian:bookworm exists (building it with
#      scripts/build-base-images.sh when missing), stops the cluster if it is up, and snapshots the
#      host: iptables/ip6tables (legacy and nft, every table, without counters), nft ruleset, links,
#      addresses, routes, network namespaces, mounts, the sysctls a cluster changes, cgroup
#      directories, the paths the kubelet/containerd/CNI create, listening sockets on the cluster's
#      ports and processes of the cluster
#   2. up; loads the image into the node; runs a pod serving HTTP (perl, which minbase has) behind a
#      NodePort service and checks it answers on 127.0.0.1:<nodePort>; checks from inside the pod
#      (kubectl exec, so the API server -> kubelet path too) that DNS resolves the service and
#      kubernetes.default, that the service answers through its ClusterIP (hairpin), that the API
#      server's service accepts connections, and that kubectl logs and port-forward work; deletes
#      the test namespace
#   3. down; snapshots again and fails with the difference when anything differs
#
# The cluster is left down. Docker's own changes (its chains, docker0/br-* bridges and their
# veths, its mounts and subnets) are left out of the comparison, since containers of other tests
# may come and go meanwhile. Exit status: 0 passed, 1 failed.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly CLUSTER="$ROOT/scripts/local-cluster.sh"
readonly IMAGE=drift-local/debian:bookworm
readonly NAMESPACE=drift-local-cluster-test
WORK=$(mktemp -d /tmp/local-cluster-test.XXXXXX)
readonly WORK
readonly DOCKERD_LOG=/var/log/dockerd-local-cluster-test.log
# The ports the cluster listens on (scripts/local-cluster.sh) and its pod bridge's prefix.
readonly CLUSTER_PORTS='23790|23800|16443|10257|10259|10250|10248|10256|10249|18080|18081'
readonly POD_PREFIX='10\.233\.'

case "${1:-}" in
  "") ;;
  -h | --help) sed -n '2,/^set -euo pipefail/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
  *) printf 'local-cluster-test: unknown argument: %s (try --help)\n' "$1" >&2; exit 2 ;;
esac
((EUID == 0)) || { echo "local-cluster-test: needs root" >&2; exit 1; }

started=$SECONDS
step() { printf '\n==> local-cluster-test [%s, %ss] %s\n' "$(date -u +%H:%M:%S)" "$((SECONDS - started))" "$*"; }
fail() { printf '\nlocal-cluster-test: FAILED: %s\n' "$*" >&2; exit 1; }
cluster_started=false
# On failure: the cluster this test started goes down again (its logs stay in
# /var/log/drift-cluster), and the snapshots stay for a look.
finish() {
  local rc=$?
  if ((rc != 0)); then
    if $cluster_started; then
      echo "local-cluster-test: stopping the cluster it started" >&2
      "$CLUSTER" down >&2 || true
    fi
    printf 'local-cluster-test: work files kept in %s\n' "$WORK" >&2
  else
    rm -rf "$WORK"
  fi
}
trap finish EXIT

kubectl() { "$K8S_BIN/kubectl" --kubeconfig "$KUBECONFIG_FILE" "$@"; }

# Lines that belong to Docker (and so may change while this runs, with other tests' containers).
not_docker() {
  grep -Ev 'DOCKER|docker0|docker_gwbridge|br-[0-9a-f]{12}|veth[0-9a-f]+.*master (docker0|br-)|/var/lib/docker|/run/docker|/var/run/docker|172\.(1[6-9]|2[0-9]|3[01])\.|192\.168\.' || true
}

# The host state a cluster could change, in a form two snapshots can be diffed in.
snapshot() {
  local tool
  for tool in iptables-legacy iptables-nft ip6tables-legacy ip6tables-nft; do
    command -v "$tool-save" >/dev/null || continue
    echo "### $tool-save"
    "$tool-save" 2>/dev/null | sed -E '/^#/d; s/ \[[0-9]+:[0-9]+\]$//; s/^(\[)[0-9]+:[0-9]+\] //' | not_docker
  done
  if command -v nft >/dev/null; then
    echo "### nft list ruleset"
    nft list ruleset 2>/dev/null | sed -E 's/counter packets [0-9]+ bytes [0-9]+/counter/' | not_docker
  fi
  echo "### ip -o link"
  ip -o link | sed -E 's/^[0-9]+: //; s/ +link\/.*//' | not_docker | sort
  echo "### ip -o addr"
  # An address line does not name the interface's master, so Docker's veths are dropped by name;
  # "tentative" is IPv6 duplicate address detection still running, a state that passes by itself.
  local docker_veths
  docker_veths=$(ip -o link | sed -nE 's/^[0-9]+: (veth[0-9a-f]+)@.* master (docker0|br-[0-9a-f]{12}) .*/\1/p' | paste -sd'|')
  ip -o addr | sed -E 's/^[0-9]+: //; s/valid_lft.*//; s/ tentative//' |
    { if [[ -n "$docker_veths" ]]; then grep -Ev "^($docker_veths) " || true; else cat; fi; } | not_docker | sort
  echo "### ip route / ip -6 route / ip rule"
  ip route | not_docker
  ip -6 route | not_docker
  ip rule
  echo "### ip netns"
  ip netns list 2>/dev/null
  echo "### mounts"
  awk '{ print $2, $3 }' /proc/self/mounts | not_docker | sort
  echo "### sysctls"
  sysctl -a 2>/dev/null | grep -E '^(net\.ipv4\.(ip_forward|conf\.[^.]+\.(forwarding|route_localnet|rp_filter))|net\.ipv6\.conf\.[^.]+\.forwarding|net\.bridge\.|vm\.(overcommit_memory|panic_on_oom)|kernel\.(panic|panic_on_oops|keys\.root_max[a-z]+)|net\.netfilter\.nf_conntrack_(max|tcp_timeout_established|tcp_timeout_close_wait)) ' |
    grep -Ev '\.(veth[0-9a-f]+|docker0|br-[0-9a-f]{12})\.' | sort
  echo "### cgroups"
  find /sys/fs/cgroup -mindepth 2 -maxdepth 2 -type d 2>/dev/null | grep -v '/docker$' | sort
  echo "### paths"
  local path
  for path in /var/lib/kubelet /var/lib/cni /var/log/containers /var/log/pods /run/netns /run/containerd \
    /var/run/kubernetes /usr/libexec/kubernetes /etc/kubernetes /opt/cni /opt/containerd /etc/cni /run/drift-cluster; do
    if [[ -e "$path" ]]; then echo "exists $path"; else echo "absent $path"; fi
  done
  echo "### listening sockets of the cluster"
  ss -Htlnu 2>/dev/null | awk '{ print $1, $5 }' | grep -E ":($CLUSTER_PORTS)\$|:3[0-2][0-9]{3}\$|$POD_PREFIX" | sort || true
  echo "### processes of the cluster"
  ps -eo args= | grep -E '/run/drift-cluster|/var/lib/drift-cluster|/go-tools/' | grep -v grep | sort || true
}

step "making sure a Docker engine answers and $IMAGE exists"
if ! docker info >/dev/null 2>&1; then
  echo "starting dockerd (log: $DOCKERD_LOG)"
  setsid dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null &
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || fail "dockerd did not answer within 60s (see $DOCKERD_LOG)"
fi
docker image inspect "$IMAGE" >/dev/null 2>&1 || "$ROOT/scripts/build-base-images.sh"

step "stopping the cluster if it runs, then the snapshot before"
"$CLUSTER" down
snapshot >"$WORK/before.txt"

step "local-cluster.sh up"
cluster_started=true
"$CLUSTER" up
eval "$("$CLUSTER" env)"
KUBECONFIG_FILE=$KUBECONFIG
K8S_BIN=$(dirname "$(type -P kubectl)")
"$CLUSTER" load-image "$IMAGE"

step "a pod from $IMAGE behind a NodePort service"
kubectl delete namespace "$NAMESPACE" --ignore-not-found --wait >/dev/null
kubectl create namespace "$NAMESPACE" >/dev/null
kubectl -n "$NAMESPACE" apply -f - >/dev/null <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: server
  labels: {app: web}
spec:
  # perl as pid 1 ignores SIGTERM; no need to wait out the default 30s when the namespace goes
  terminationGracePeriodSeconds: 1
  containers:
  - name: web
    image: $IMAGE
    imagePullPolicy: Never
    command:
    - perl
    - -MIO::Socket::INET
    - -e
    - |
      \$| = 1;
      my \$s = IO::Socket::INET->new(LocalPort => 8080, Listen => 16, ReuseAddr => 1) or die "listen: \$!";
      print "listening on 8080\n";
      while (my \$c = \$s->accept) {
        while (my \$line = <\$c>) { last if \$line =~ /^\r?\n\$/ }
        print \$c "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nhello from the local cluster\n";
        close \$c;
      }
    ports:
    - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 8080
YAML
pod_started=$SECONDS
kubectl -n "$NAMESPACE" wait pod/server --for=condition=Ready --timeout=120s >/dev/null ||
  { kubectl -n "$NAMESPACE" describe pod server; fail "the pod did not get Ready"; }
echo "pod Running and Ready $((SECONDS - pod_started))s after it was created"
node_port=$(kubectl -n "$NAMESPACE" get service web -o jsonpath='{.spec.ports[0].nodePort}')

step "the NodePort answers on 127.0.0.1:$node_port"
answer=""
for _ in $(seq 30); do
  answer=$(curl -sf --max-time 3 "http://127.0.0.1:$node_port/") && break
  sleep 1
done
[[ "$answer" == "hello from the local cluster" ]] || fail "127.0.0.1:$node_port answered: '$answer'"
echo "$answer"

step "from inside the pod: DNS, the service by its name (hairpin), the API server's service"
in_pod() { kubectl -n "$NAMESPACE" exec server -- bash -c "$1"; }
in_pod "getent hosts kubernetes.default.svc.cluster.local" || fail "DNS: kubernetes.default.svc.cluster.local"
in_pod "getent hosts web" || fail "DNS: the short name web (search path)"
in_pod "getent hosts web.$NAMESPACE.svc.cluster.local" || fail "DNS: web.$NAMESPACE.svc.cluster.local"
answer=$(in_pod 'exec 3<>/dev/tcp/web/80 && printf "GET / HTTP/1.0\r\n\r\n" >&3 && tail -n 1 <&3') || true
[[ "$answer" == "hello from the local cluster" ]] || fail "the service web from its own pod answered: '$answer'"
echo "web:80 -> $answer"
in_pod 'exec 3<>/dev/tcp/kubernetes.default.svc.cluster.local/443 && echo "kubernetes.default:443 accepts connections"' ||
  fail "the kubernetes service does not accept connections from a pod"
logs=$(kubectl -n "$NAMESPACE" logs server)
[[ "$logs" == *"listening on 8080"* ]] || fail "kubectl logs did not show the pod's output"
echo "kubectl logs: ok"

step "kubectl port-forward"
kubectl -n "$NAMESPACE" port-forward pod/server 18099:8080 >"$WORK/port-forward.log" 2>&1 &
forward_pid=$!
answer=""
for _ in $(seq 20); do
  answer=$(curl -sf --max-time 3 http://127.0.0.1:18099/) && break
  sleep 0.5
done
kill "$forward_pid" 2>/dev/null || true
wait "$forward_pid" 2>/dev/null || true
[[ "$answer" == "hello from the local cluster" ]] || { cat "$WORK/port-forward.log"; fail "port-forward answered: '$answer'"; }
echo "port-forward: $answer"

step "deleting the test namespace, then local-cluster.sh down"
kubectl delete namespace "$NAMESPACE" --wait --timeout=120s >/dev/null
"$CLUSTER" down
cluster_started=false

step "the snapshot after, compared with the one before"
snapshot >"$WORK/after.txt"
if ! diff -u "$WORK/before.txt" "$WORK/after.txt" >"$WORK/diff.txt"; then
  cat "$WORK/diff.txt"
  fail "the host differs after down from before up (above: - before, + after)"
fi
echo "the host is as it was ($(grep -c '' "$WORK/before.txt") lines compared)"
printf '\nlocal-cluster-test: passed in %ss\n' "$((SECONDS - started))"
