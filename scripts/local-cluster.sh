#!/usr/bin/env bash
# A real one-node Kubernetes cluster on this machine, built from the Go module proxy and Debian's
# packages (no image can be pulled here), for the tests that need a cluster.
#
#   scripts/local-cluster.sh up                  build the binaries once (cached outside the clone),
#                                                install the host packages, make certificates and
#                                                start the cluster; "already up" when it runs
#   scripts/local-cluster.sh down [--purge]      stop everything it started and undo what it changed
#                                                on the host (mounts, bridge, iptables, netns,
#                                                sysctls, cgroups); --purge also deletes the data
#                                                (etcd, containerd's images, volumes, certificates)
#   scripts/local-cluster.sh status              components (pid, up/down), node Ready, /readyz;
#                                                exit status 0 only when all is up and Ready
#   scripts/local-cluster.sh kubeconfig          path of the admin kubeconfig:
#                                                  export KUBECONFIG=$(scripts/local-cluster.sh kubeconfig)
#   scripts/local-cluster.sh env                 export lines for KUBECONFIG and PATH (kubectl, helm):
#                                                  eval "$(scripts/local-cluster.sh env)"
#   scripts/local-cluster.sh load-image IMAGE... copy Docker images into the node's containerd
#                                                (pods then use imagePullPolicy: Never)
#   scripts/local-cluster.sh reclaim-volumes     wipe Released volumes and make them Available
#   scripts/local-cluster.sh build               only build the binaries (up does it when needed)
#
# What runs, all as host processes: etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler, a containerd of its own, the kubelet, kube-proxy (iptables; NodePorts answer on
# 127.0.0.0/8) and CoreDNS. Every endpoint listens on 127.0.0.1, except three on the gateway
# address of the pod bridge the script makes (driftcni0, 10.233.0.1; pods 10.233.0.0/24,
# services 10.234.0.0/16), where pods must reach them: CoreDNS (:53), the kubelet's API (:10250,
# the node's address, used by kubectl logs/exec) and a socat door to the API server (:16443, the
# "kubernetes" service's endpoint, for in-cluster clients such as the operator).
# Storage: a default StorageClass "local" (no provisioner, WaitForFirstConsumer) and 30 local
# volumes (DRIFT_CLUSTER_PV_COUNT) of 100Gi (capacity is not enforced) under DATA/pv, reclaim
# policy Retain; a background loop (and every up) wipes Released ones and makes them Available
# again, so tests can create and delete claims without end.
# Data (etcd, containerd's images, volumes, certificates) survives down, so the next up is quick
# and finds the same objects and loaded images; the admin kubeconfig stays valid.
#
# Environment: DRIFT_OPS_CACHE (default /var/cache/drift-ops; binaries in go-tools/NAME-VERSION/),
# DRIFT_CLUSTER_DATA (default /var/lib/drift-cluster), DRIFT_CLUSTER_RUN (default /run/drift-cluster),
# DRIFT_CLUSTER_LOGS (default /var/log/drift-cluster), DRIFT_CLUSTER_PV_COUNT (30) and
# DRIFT_CLUSTER_PV_SIZE (100Gi). Versions: scripts/versions.env.
# Needs root. Exit status: 0 ok, 1 something failed, 2 usage.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
# shellcheck source=scripts/versions.env
source "$ROOT/scripts/versions.env"
# shellcheck source=scripts/lib/go-build.sh
source "$ROOT/scripts/lib/go-build.sh"

readonly CACHE="${DRIFT_OPS_CACHE:-/var/cache/drift-ops}/go-tools"
readonly K8S_DIR="$CACHE/kubernetes-$KUBERNETES_VERSION"
readonly K8S_BIN="$K8S_DIR/bin"
readonly ETCD_BIN="$CACHE/etcd-$ETCD_VERSION/bin"
readonly HELM_BIN="$CACHE/helm-$HELM_VERSION/bin"
readonly COREDNS_BIN="$CACHE/coredns-$COREDNS_VERSION/bin"
readonly CRICTL_BIN="$CACHE/cri-tools-$CRI_TOOLS_VERSION/bin"
readonly PAUSE_DIR="$CACHE/pause-$PAUSE_VERSION"
readonly K8S_COMMANDS=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)

readonly DATA="${DRIFT_CLUSTER_DATA:-/var/lib/drift-cluster}"
readonly RUN="${DRIFT_CLUSTER_RUN:-/run/drift-cluster}"
readonly LOGS="${DRIFT_CLUSTER_LOGS:-/var/log/drift-cluster}"
readonly PKI="$DATA/pki"
readonly CONF="$DATA/config"
readonly PV_DIR="$DATA/pv"
readonly STATE_FILE="$RUN/host-state.env"
readonly CONTAINERD_SOCK="$RUN/containerd/containerd.sock"
readonly ADMIN_KUBECONFIG="$CONF/admin.kubeconfig"

readonly NODE_NAME=drift-node
readonly CLUSTER_NAME=drift-local
readonly BRIDGE=driftcni0
readonly POD_CIDR=10.233.0.0/24
readonly BRIDGE_IP=10.233.0.1
readonly DNS_IP=$BRIDGE_IP
readonly SERVICE_CIDR=10.234.0.0/16
readonly SERVICE_FIRST_IP=10.234.0.1
readonly CLUSTER_DOMAIN=cluster.local
readonly NODE_PORT_RANGE=30000-32767
readonly PV_COUNT=${DRIFT_CLUSTER_PV_COUNT:-30}
readonly PV_SIZE=${DRIFT_CLUSTER_PV_SIZE:-100Gi}
readonly PAUSE_IMAGE="docker.io/drift-local/pause:$PAUSE_VERSION"

# Ports, all on 127.0.0.1 (chosen away from the defaults, so a cluster of another tool on the
# same machine does not collide with this one).
readonly ETCD_CLIENT_PORT=23790
readonly ETCD_PEER_PORT=23800
readonly APISERVER_PORT=16443
readonly CONTROLLER_MANAGER_PORT=10257
readonly SCHEDULER_PORT=10259
readonly KUBELET_PORT=10250
readonly KUBELET_HEALTHZ_PORT=10248
readonly PROXY_HEALTHZ_PORT=10256
readonly PROXY_METRICS_PORT=10249
readonly COREDNS_HEALTH_PORT=18080

# --- output ----------------------------------------------------------------------------------------

started=$SECONDS
step_name=""
step_started=$SECONDS
# Prints a step with the time the previous one took.
step() {
  end_step
  step_name="$*"
  step_started=$SECONDS
  printf '==> local-cluster [%s] %s\n' "$(date -u +%H:%M:%S)" "$*"
}
end_step() {
  if [[ -n "$step_name" ]]; then
    printf '    (%ss)\n' "$((SECONDS - step_started))"
  fi
  step_name=""
}
info() { printf '    %s\n' "$*"; }
warn() { printf 'local-cluster: warning: %s\n' "$*" >&2; }
die() { printf 'local-cluster: %s\n' "$*" >&2; exit 1; }
usage_error() { printf 'local-cluster: %s (try --help)\n' "$*" >&2; exit 2; }

# --- building the binaries -------------------------------------------------------------------------

k8s_built() {
  local cmd
  for cmd in "${K8S_COMMANDS[@]}"; do
    if [[ $cmd == kubectl ]]; then
      reports_version "$K8S_BIN/kubectl" "$KUBERNETES_VERSION" version --client || return 1
    else
      reports_version "$K8S_BIN/$cmd" "Kubernetes $KUBERNETES_VERSION" --version || return 1
    fi
  done
}
etcd_built() { reports_version "$ETCD_BIN/etcd" "etcd Version: ${ETCD_VERSION#v}" --version; }
helm_built() { reports_version "$HELM_BIN/helm" "$HELM_VERSION" version --short; }
coredns_built() { reports_version "$COREDNS_BIN/coredns" "CoreDNS-${COREDNS_VERSION#v}" -version; }


# k8s.io/kubernetes is not meant to be a dependency: its go.mod requires the k8s.io/* staging
# modules at v0.0.0 and maps them to ./staging, which the module zip does not carry. A wrapper
# module requires it and replaces each of those modules with its published release; the list
# comes from kubernetes' own go.mod, so a new staging module needs no change here. The sample
# modules are not published (and nothing built here needs them).
build_kubernetes() {
  [[ -n "${FORCE_BUILD:-}" ]] || ! k8s_built || { info "kubernetes $KUBERNETES_VERSION: cached in $K8S_BIN"; return 0; }
  step "building kubernetes $KUBERNETES_VERSION (${K8S_COMMANDS[*]}) into $K8S_BIN (cold: ~15 min on 2 cores)"
  go_env
  local src="$K8S_DIR/src" gomod
  mkdir -p "$src" "$K8S_BIN"
  gomod=$(cd "$CACHE" && go mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" | sed -n 's/^\t"GoMod": "\(.*\)",$/\1/p')
  [[ -f "$gomod" ]] || die "go mod download k8s.io/kubernetes@$KUBERNETES_VERSION gave no go.mod"
  {
    printf 'module drift-ops.local/kubernetes-build\n\ngo %s\n\n' "$(sed -n 's/^go //p' "$gomod")"
    # kubernetes pins its runtime behaviour with a godebug line; only the main module's counts.
    sed -n 's/^godebug /godebug /p' "$gomod"
    printf 'require k8s.io/kubernetes %s\n\nreplace (\n' "$KUBERNETES_VERSION"
    sed -n 's#^\t\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\1#p' "$gomod" | grep -v '^k8s.io/sample-' |
      while read -r mod; do printf '\t%s => %s %s\n' "$mod" "$mod" "$KUBERNETES_STAGING_VERSION"; done
    printf ')\n'
  } >"$src/go.mod"
  rm -f "$src/go.sum"
  local major=${KUBERNETES_VERSION#v}
  local minor=${major#*.}
  major=${major%%.*}
  minor=${minor%%.*}
  local ldflags="-s -w" pkg
  # The version variables the release build sets (hack/lib/version.sh), in both places
  # kubernetes reads them from, so kubectl version and the API server's /version say the release.
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $pkg.gitVersion=$KUBERNETES_VERSION -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
    ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  local targets=()
  for pkg in "${K8S_COMMANDS[@]}"; do targets+=("k8s.io/kubernetes/cmd/$pkg"); done
  # One go build for all commands, so the packages they share compile once.
  (cd "$src" && build_logged "$K8S_DIR/build.log" go build -trimpath -ldflags "$ldflags" -o "$K8S_BIN/" "${targets[@]}")
  k8s_built || die "the kubernetes binaries in $K8S_BIN do not report $KUBERNETES_VERSION"
}

# etcd's server module has replace directives pointing into its monorepo, so `go install
# module@version` refuses it; a wrapper module that requires it builds the same main package
# against the published etcd modules its go.mod names.
build_etcd() {
  [[ -n "${FORCE_BUILD:-}" ]] || ! etcd_built || { info "etcd $ETCD_VERSION: cached in $ETCD_BIN"; return 0; }
  step "building etcd $ETCD_VERSION into $ETCD_BIN"
  go_env
  local dir="$CACHE/etcd-$ETCD_VERSION"
  mkdir -p "$dir/src" "$ETCD_BIN"
  printf 'module drift-ops.local/etcd-build\n\ngo 1.24\n\nrequire go.etcd.io/etcd/server/v3 %s\n' "$ETCD_VERSION" >"$dir/src/go.mod"
  (cd "$dir/src" && build_logged "$dir/build.log" go build -trimpath -ldflags "-s -w" -o "$ETCD_BIN/etcd" go.etcd.io/etcd/server/v3)
  etcd_built || die "$ETCD_BIN/etcd does not report $ETCD_VERSION"
}

# Helm's release build sets its own version and the Kubernetes version it assumes when no
# cluster is asked (capabilities for `helm template`, deprecation lint), derived from client-go.
build_helm() {
  [[ -n "${FORCE_BUILD:-}" ]] || ! helm_built || { info "helm $HELM_VERSION: cached in $HELM_BIN"; return 0; }
  step "building helm $HELM_VERSION into $HELM_BIN"
  go_env
  local dir="$CACHE/helm-$HELM_VERSION" client_go major minor ldflags
  mkdir -p "$dir/src" "$HELM_BIN"
  printf 'module drift-ops.local/helm-build\n\ngo 1.24\n\nrequire helm.sh/helm/v3 %s\n' "$HELM_VERSION" >"$dir/src/go.mod"
  client_go=$(cd "$dir/src" && go list -m -f '{{.Version}}' k8s.io/client-go) # v0.MINOR.PATCH
  major=1
  minor=${client_go#v0.}
  minor=${minor%%.*}
  ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
  ldflags+=" -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=$major -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$minor"
  ldflags+=" -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=$major -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$minor"
  (cd "$dir/src" && build_logged "$dir/build.log" go build -trimpath -ldflags "$ldflags" -o "$HELM_BIN/helm" helm.sh/helm/v3/cmd/helm)
  helm_built || die "$HELM_BIN/helm does not report $HELM_VERSION"
}

# CoreDNS with only the plugins the cluster's Corefile uses: its stock main links every plugin
# (cloud DNS providers among them), which triples the build for nothing used here.
build_coredns() {
  [[ -n "${FORCE_BUILD:-}" ]] || ! coredns_built || { info "coredns $COREDNS_VERSION: cached in $COREDNS_BIN"; return 0; }
  step "building coredns $COREDNS_VERSION into $COREDNS_BIN"
  go_env
  local dir="$CACHE/coredns-$COREDNS_VERSION" plugin
  mkdir -p "$dir/src" "$COREDNS_BIN"
  printf 'module drift-ops.local/coredns-build\n\ngo 1.24\n\nrequire github.com/coredns/coredns %s\n' "$COREDNS_VERSION" >"$dir/src/go.mod"
  {
    printf '// CoreDNS with the plugins scripts/local-cluster.sh configures.\npackage main\n\nimport (\n'
    printf '\t"github.com/coredns/coredns/coremain"\n\t_ "github.com/coredns/coredns/core/dnsserver"\n'
    for plugin in bind cache errors forward health kubernetes log loop ready reload; do
      printf '\t_ "github.com/coredns/coredns/plugin/%s"\n' "$plugin"
    done
    printf ')\n\nfunc main() { coremain.Run() }\n'
  } >"$dir/src/main.go"
  (cd "$dir/src" && build_logged "$dir/build.log" go build -trimpath -ldflags "-s -w" -o "$COREDNS_BIN/coredns" .)
  coredns_built || die "$COREDNS_BIN/coredns does not report $COREDNS_VERSION"
}

crictl_built() { reports_version "$CRICTL_BIN/crictl" "$CRI_TOOLS_VERSION" --version; }
# crictl talks CRI to the node's containerd: down stops and removes pods through it, so the CNI
# plugins tear their network down (Debian has no cri-tools package).
build_crictl() {
  [[ -n "${FORCE_BUILD:-}" ]] || ! crictl_built || { info "crictl $CRI_TOOLS_VERSION: cached in $CRICTL_BIN"; return 0; }
  step "building crictl $CRI_TOOLS_VERSION into $CRICTL_BIN"
  go_env
  local dir="$CACHE/cri-tools-$CRI_TOOLS_VERSION"
  mkdir -p "$dir/src" "$CRICTL_BIN"
  printf 'module drift-ops.local/cri-tools-build\n\ngo 1.24\n\nrequire sigs.k8s.io/cri-tools %s\n' "$CRI_TOOLS_VERSION" >"$dir/src/go.mod"
  (cd "$dir/src" && build_logged "$dir/build.log" go build -trimpath \
    -ldflags "-s -w -X sigs.k8s.io/cri-tools/pkg/version.Version=$CRI_TOOLS_VERSION" -o "$CRICTL_BIN/crictl" sigs.k8s.io/cri-tools/cmd/crictl)
  crictl_built || die "$CRICTL_BIN/crictl does not report $CRI_TOOLS_VERSION"
}

build_all() {
  mkdir -p "$CACHE"
  build_etcd
  build_kubernetes
  build_coredns
  build_crictl
  build_helm
  build_pause
}

# The pause image, built here because none can be pulled: kubernetes' own pause.c, linked
# statically, in a one-layer OCI image laid out by hand (no Docker engine needed for the node).
build_pause() {
  [[ -n "${FORCE_BUILD:-}" || ! -s "$PAUSE_DIR/pause-oci.tar" ]] || { info "pause $PAUSE_VERSION: cached in $PAUSE_DIR"; return 0; }
  step "building the pause image $PAUSE_IMAGE into $PAUSE_DIR"
  go_env
  command -v gcc >/dev/null || die "gcc is missing (apt-get install gcc libc6-dev)"
  local src work
  src="$(cd "$CACHE" && go mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')/build/pause/linux/pause.c"
  [[ -f "$src" ]] || die "no pause.c in the kubernetes module ($src)"
  work=$(mktemp -d)
  mkdir -p "$work/rootfs" "$PAUSE_DIR"
  gcc -Os -static -Wall -Werror -DVERSION="v$PAUSE_VERSION-drift-local" -o "$work/rootfs/pause" "$src"
  strip "$work/rootfs/pause"
  write_oci_image "$work" "$PAUSE_IMAGE" '{"Entrypoint":["/pause"],"User":"65535:65535"}' pause
  mv "$work/image.tar" "$PAUSE_DIR/pause-oci.tar"
  rm -rf "$work"
}

# write_oci_image DIR NAME CONFIG FILE...: DIR/image.tar, an OCI image layout holding one layer with
# DIR/rootfs/FILE..., the image config CONFIG (the "config" object) and the name NAME, in the form
# `ctr images import` reads.
write_oci_image() {
  local dir=$1 name=$2 config=$3
  shift 3
  local layout="$dir/layout" layer_digest layer_size config_digest config_size manifest_digest manifest_size
  mkdir -p "$layout/blobs/sha256"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$dir/rootfs" -cf "$dir/layer.tar" "$@"
  layer_digest=$(sha256sum "$dir/layer.tar" | cut -d' ' -f1)
  layer_size=$(stat -c %s "$dir/layer.tar")
  mv "$dir/layer.tar" "$layout/blobs/sha256/$layer_digest"
  printf '{"architecture":"amd64","os":"linux","config":%s,"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "$config" "$layer_digest" >"$dir/config.json"
  config_digest=$(sha256sum "$dir/config.json" | cut -d' ' -f1)
  config_size=$(stat -c %s "$dir/config.json")
  mv "$dir/config.json" "$layout/blobs/sha256/$config_digest"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%s}]}' \
    "$config_digest" "$config_size" "$layer_digest" "$layer_size" >"$dir/manifest.json"
  manifest_digest=$(sha256sum "$dir/manifest.json" | cut -d' ' -f1)
  manifest_size=$(stat -c %s "$dir/manifest.json")
  mv "$dir/manifest.json" "$layout/blobs/sha256/$manifest_digest"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"platform":{"architecture":"amd64","os":"linux"},"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"%s"}}]}' \
    "$manifest_digest" "$manifest_size" "$name" "${name##*:}" >"$layout/index.json"
  printf '{"imageLayoutVersion":"1.0.0"}' >"$layout/oci-layout"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$layout" -cf "$dir/image.tar" oci-layout index.json blobs
}

# --- host packages ---------------------------------------------------------------------------------

# Debian's packages the node needs: its own containerd (Docker's has CRI disabled) with runc, the
# CNI plugins, the iptables/conntrack tools kube-proxy calls, socat (port-forward and the API
# server's door on the pod bridge), and gcc for the pause binary.
readonly HOST_PACKAGES=(containerd runc containernetworking-plugins iptables conntrack socat ebtables ethtool
  openssl curl iproute2 util-linux procps gcc libc6-dev)

install_host_packages() {
  local missing=() pkg
  for pkg in "${HOST_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q ' installed$' || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    info "Debian packages present: ${HOST_PACKAGES[*]}"
    return 0
  fi
  step "installing Debian packages: ${missing[*]}"
  mkdir -p "$LOGS"
  build_logged "$LOGS/apt.log" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  build_logged "$LOGS/apt.log" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# --- certificates and configuration ----------------------------------------------------------------

# RSA keys, not EC: every client that may read the admin kubeconfig (kubectl, helm, fabric8 in the
# Java tests) reads RSA keys; EC support differs between them.
new_key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; chmod 600 "$1"; }

# make_ca NAME CN: a self-signed CA, NAME.crt/NAME.key.
make_ca() {
  [[ -s "$PKI/$1.crt" ]] && return 0
  new_key "$PKI/$1.key"
  openssl req -x509 -new -key "$PKI/$1.key" -subj "/CN=$2" -days 3650 -sha256 \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
    -out "$PKI/$1.crt" 2>/dev/null
}

# make_cert NAME SUBJECT USAGE [SANS [CA]]: NAME.crt/NAME.key signed by CA (default: the cluster
# CA); USAGE is clientAuth, serverAuth or both; SUBJECT e.g. /O=system:masters/CN=drift-admin.
make_cert() {
  local name=$1 subject=$2 usage=$3 sans=${4:-} ca=${5:-ca}
  [[ -s "$PKI/$name.crt" ]] && return 0
  new_key "$PKI/$name.key"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$usage"
    [[ -z "$sans" ]] || echo "subjectAltName=$sans"
  } >"$PKI/$name.ext"
  openssl req -new -key "$PKI/$name.key" -subj "$subject" -out "$PKI/$name.csr" 2>/dev/null
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/$ca.crt" -CAkey "$PKI/$ca.key" -set_serial "0x$(openssl rand -hex 16)" \
    -days 3650 -sha256 -extfile "$PKI/$name.ext" -out "$PKI/$name.crt" 2>/dev/null
  rm -f "$PKI/$name.csr" "$PKI/$name.ext"
}

# Every certificate the cluster uses; the ones present are kept (they live as long as DATA does,
# so kubeconfigs handed out stay valid across down/up).
make_certs() {
  mkdir -p "$PKI"
  chmod 700 "$PKI"
  [[ -s "$PKI/front-proxy-client.crt" ]] || step "making certificates in $PKI"
  make_ca ca drift-local-ca
  # The front proxy CA lets the API server forward to aggregated APIs (metrics-server and the
  # like) and makes the controller-manager and scheduler find a complete authentication config.
  make_ca front-proxy-ca drift-local-front-proxy-ca
  local svc="DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.$CLUSTER_DOMAIN"
  make_cert apiserver "/CN=kube-apiserver" serverAuth "IP:127.0.0.1,IP:$SERVICE_FIRST_IP,IP:$BRIDGE_IP,DNS:localhost,$svc"
  make_cert apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" clientAuth
  make_cert apiserver-etcd-client "/CN=kube-apiserver-etcd-client" clientAuth
  make_cert front-proxy-client "/CN=front-proxy-client" clientAuth "" front-proxy-ca
  make_cert etcd-server "/CN=etcd" serverAuth "IP:127.0.0.1,DNS:localhost"
  make_cert admin "/O=system:masters/CN=drift-admin" clientAuth
  make_cert controller-manager "/CN=system:kube-controller-manager" clientAuth
  make_cert scheduler "/CN=system:kube-scheduler" clientAuth
  make_cert kubelet-client "/O=system:nodes/CN=system:node:$NODE_NAME" clientAuth
  make_cert kubelet-server "/CN=$NODE_NAME" serverAuth "IP:$BRIDGE_IP,IP:127.0.0.1,DNS:$NODE_NAME,DNS:localhost"
  make_cert kube-proxy "/CN=system:kube-proxy" clientAuth
  make_cert coredns "/CN=drift:coredns" clientAuth
  if [[ ! -s "$PKI/service-account.key" ]]; then
    new_key "$PKI/service-account.key"
    openssl pkey -in "$PKI/service-account.key" -pubout -out "$PKI/service-account.pub" 2>/dev/null
  fi
}

# write_kubeconfig NAME CERT: CONF/NAME.kubeconfig for the client certificate CERT, with the
# certificates inline so the file can be copied anywhere.
write_kubeconfig() {
  local file="$CONF/$1.kubeconfig" cert=$2
  cat >"$file" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: $CLUSTER_NAME
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority-data: $(base64 -w0 "$PKI/ca.crt")
users:
- name: $1
  user:
    client-certificate-data: $(base64 -w0 "$PKI/$cert.crt")
    client-key-data: $(base64 -w0 "$PKI/$cert.key")
contexts:
- name: $CLUSTER_NAME
  context:
    cluster: $CLUSTER_NAME
    user: $1
current-context: $CLUSTER_NAME
KUBECONFIG
  chmod 600 "$file"
}

# The configuration files of containerd, the CNI plugins, the kubelet, kube-proxy and CoreDNS.
# Written at every up (cheap), so a change here takes effect without --purge.
write_configs() {
  mkdir -p "$CONF/cni"
  write_kubeconfig admin admin
  write_kubeconfig controller-manager controller-manager
  write_kubeconfig scheduler scheduler
  write_kubeconfig kubelet kubelet-client
  write_kubeconfig kube-proxy kube-proxy
  write_kubeconfig coredns coredns

  # containerd: everything (root, state, socket, runc's state, the opt plugin's directory) in
  # this cluster's directories, so it shares nothing with another containerd on the machine.
  # restrict_oom_score_adj: root here lacks CAP_SYS_RESOURCE, so a sandbox asking for a lower
  # oom_score_adj would fail to start.
  cat >"$CONF/containerd.toml" <<TOML
version = 2
root = "$DATA/containerd"
state = "$RUN/containerd"

[grpc]
  address = "$CONTAINERD_SOCK"

[metrics]
  address = ""

[plugins."io.containerd.internal.v1.opt"]
  path = "$DATA/containerd-opt"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  restrict_oom_score_adj = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"

  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"

    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"

      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "$RUN/runc"

  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$CONF/cni"
    max_conf_num = 1
TOML

  # Pods on a bridge of their own; no masquerading (pods have nothing to reach outside the node).
  # host-local keeps its leases under RUN, so a down (or a reboot) frees every address.
  cat >"$CONF/cni/10-drift-cluster.conflist" <<JSON
{
  "cniVersion": "1.0.0",
  "name": "drift-cluster",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$BRIDGE",
      "isGateway": true,
      "isDefaultGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "ranges": [[{"subnet": "$POD_CIDR", "gateway": "$BRIDGE_IP"}]],
        "dataDir": "$RUN/cni-ipam"
      }
    },
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
JSON

  # The kubelet: its API on the node address (the bridge gateway, where the API server reaches it),
  # healthz on loopback; cgroupfs under a cgroup root of its own (down removes it); every
  # directory it would put elsewhere on the host moved under DATA; image GC off (nothing can be
  # pulled back) and eviction thresholds low, so a full-ish disk does not evict the tests' pods.
  cat >"$CONF/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $BRIDGE_IP
port: $KUBELET_PORT
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $KUBELET_HEALTHZ_PORT
tlsCertFile: $PKI/kubelet-server.crt
tlsPrivateKeyFile: $PKI/kubelet-server.key
authentication:
  anonymous:
    enabled: false
  webhook:
    enabled: true
  x509:
    clientCAFile: $PKI/ca.crt
authorization:
  mode: Webhook
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
cgroupDriver: cgroupfs
cgroupRoot: /drift-cluster
failCgroupV1: false
failSwapOn: false
clusterDNS:
- $DNS_IP
clusterDomain: $CLUSTER_DOMAIN
resolvConf: /etc/resolv.conf
podLogsDir: $DATA/pod-logs
volumePluginDir: $DATA/kubelet/volume-plugins
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard:
  memory.available: 100Mi
  nodefs.available: 1%
  nodefs.inodesFree: 1%
  imagefs.available: 1%
serializeImagePulls: false
rotateCertificates: false
serverTLSBootstrap: false
registerNode: true
shutdownGracePeriod: 0s
YAML

  # kube-proxy: iptables, NodePorts only on loopback; conntrack sysctls left as they are.
  cat >"$CONF/kube-proxy.yaml" <<YAML
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection:
  kubeconfig: $CONF/kube-proxy.kubeconfig
mode: iptables
hostnameOverride: $NODE_NAME
clusterCIDR: $POD_CIDR
nodePortAddresses:
- 127.0.0.0/8
healthzBindAddress: 127.0.0.1:$PROXY_HEALTHZ_PORT
metricsBindAddress: 127.0.0.1:$PROXY_METRICS_PORT
conntrack:
  maxPerCore: 0
  min: 0
  tcpEstablishedTimeout: 0s
  tcpCloseWaitTimeout: 0s
iptables:
  localhostNodePorts: true
  syncPeriod: 30s
  minSyncPeriod: 1s
YAML

  # CoreDNS answers the pods on the bridge gateway; names outside the cluster go to the host's
  # resolvers.
  cat >"$CONF/Corefile" <<COREFILE
.:53 {
    bind $DNS_IP
    errors
    health 127.0.0.1:$COREDNS_HEALTH_PORT
    ready 127.0.0.1:$((COREDNS_HEALTH_PORT + 1))
    kubernetes $CLUSTER_DOMAIN in-addr.arpa ip6.arpa {
        kubeconfig $CONF/coredns.kubeconfig $CLUSTER_NAME
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
        ttl 30
    }
    forward . /etc/resolv.conf
    cache 30
    loop
}
COREFILE
}

# --- host state: what up changes and down restores ------------------------------------------------

# Sysctls the cluster changes: ip_forward and bridge-nf-call-iptables by this script (pods reach
# services through the host, and replies between pods on one bridge must pass conntrack),
# route_localnet by kube-proxy (NodePorts on 127.0.0.1), the vm/kernel ones by the kubelet.
readonly TOUCHED_SYSCTLS=(
  net.ipv4.ip_forward net.ipv4.conf.all.forwarding net.ipv4.conf.default.forwarding
  net.ipv6.conf.all.forwarding net.ipv6.conf.default.forwarding
  net.ipv4.conf.all.route_localnet net.bridge.bridge-nf-call-iptables net.bridge.bridge-nf-call-ip6tables
  vm.overcommit_memory vm.panic_on_oom kernel.panic kernel.panic_on_oops
  kernel.keys.root_maxkeys kernel.keys.root_maxbytes
  net.netfilter.nf_conntrack_max net.netfilter.nf_conntrack_tcp_timeout_established
  net.netfilter.nf_conntrack_tcp_timeout_close_wait
)
# Directories outside DATA/RUN that the kubelet, containerd or the CNI plugins create whatever
# they are told (hard-coded paths); down removes those that did not exist before up.
readonly FOREIGN_PATHS=(/var/lib/kubelet /var/lib/cni /var/log/containers /var/log/pods /run/netns
  /run/containerd /var/run/kubernetes /usr/libexec/kubernetes /etc/kubernetes /opt/cni /opt/containerd /etc/cni)
# iptables chain prefixes of kube-proxy and the kubelet (KUBE-), the CNI plugins (CNI-) and this
# script (DRIFT-).
readonly CHAIN_PATTERN='(KUBE|CNI|DRIFT)-'

# Records, once per up/down cycle, the values down has to put back (the first up after a down
# writes the file; an up that finds it keeps the values of before the first up).
record_host_state() {
  [[ -s "$STATE_FILE" ]] && return 0
  local name value path ns
  mkdir -p "$RUN"
  {
    for name in "${TOUCHED_SYSCTLS[@]}"; do
      value=$(sysctl -n "$name" 2>/dev/null) && printf 'sysctl %s %s\n' "$name" "$value"
    done
    for path in "${FOREIGN_PATHS[@]}"; do
      [[ -e "$path" ]] && printf 'existed %s\n' "$path"
    done
    for ns in /run/netns/*; do
      [[ -e "$ns" ]] && printf 'netns %s\n' "${ns##*/}"
    done
  } >"$STATE_FILE.tmp"
  mv "$STATE_FILE.tmp" "$STATE_FILE"
}

set_sysctl() { sysctl -qw "$1=$2" >/dev/null || die "cannot set sysctl $1=$2"; }

# The bridge exists before the first pod so the API server's door and CoreDNS can bind its
# gateway address at start; the bridge plugin takes the bridge over as it is.
setup_host_network() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
  fi
  ip addr replace "$BRIDGE_IP/${POD_CIDR#*/}" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  set_sysctl net.ipv4.ip_forward 1
  [[ -e /proc/sys/net/bridge/bridge-nf-call-iptables ]] || modprobe br_netfilter 2>/dev/null || true
  [[ -e /proc/sys/net/bridge/bridge-nf-call-iptables ]] || die "no br_netfilter: pods could not reach services on the node"
  set_sysctl net.bridge.bridge-nf-call-iptables 1
  # Docker sets the FORWARD policy to DROP; pod traffic on the bridge (bridged frames pass
  # iptables once br_netfilter is on) is let through by a chain of this cluster's own.
  iptables -w -N DRIFT-FORWARD 2>/dev/null || iptables -w -F DRIFT-FORWARD
  iptables -w -A DRIFT-FORWARD -i "$BRIDGE" -j ACCEPT
  iptables -w -A DRIFT-FORWARD -o "$BRIDGE" -j ACCEPT
  iptables -w -C FORWARD -j DRIFT-FORWARD 2>/dev/null || iptables -w -I FORWARD 1 -j DRIFT-FORWARD
}

# The kubelet insists the cgroup root exists; one per v1 hierarchy, removed again at down.
setup_cgroups() {
  local fs
  for fs in $(cgroup_hierarchies); do mkdir -p "$fs/drift-cluster"; done
}
cgroup_hierarchies() { awk '$3 == "cgroup" || $3 == "cgroup2" { print $2 }' /proc/self/mounts; }

# Removes, from every iptables variant present (legacy and nft, v4 and v6), the chains matching
# CHAIN_PATTERN and every rule elsewhere that jumps to them: one iptables-restore --noflush per
# table, so rules with quoted comments are deleted exactly as iptables-save printed them.
remove_iptables_chains() {
  local tool dump table section chains script
  for tool in iptables-legacy iptables-nft ip6tables-legacy ip6tables-nft; do
    command -v "$tool-save" >/dev/null || continue
    # One full dump per variant: asking a legacy variant for a table by name would create it.
    dump=$("$tool-save" 2>/dev/null) || continue
    for table in $(sed -n 's/^\*//p' <<<"$dump"); do
      section=$(awk -v t="$table" '$0 == "*" t { f = 1; next } f && $0 == "COMMIT" { f = 0 } f' <<<"$dump")
      chains=$(sed -nE "s/^:(${CHAIN_PATTERN}[^ ]*) .*/\1/p" <<<"$section")
      [[ -n "$chains" ]] || continue
      script=$(
        printf '*%s\n' "$table"
        grep -E "^-A " <<<"$section" | grep -Ev "^-A ${CHAIN_PATTERN}" | grep -E -- "-j ${CHAIN_PATTERN}" | sed 's/^-A /-D /' || true
        sed 's/^/-F /' <<<"$chains"
        sed 's/^/-X /' <<<"$chains"
        echo COMMIT
      )
      "$tool-restore" -w --noflush <<<"$script" || warn "$tool: could not remove all chains of table $table"
    done
  done
}

# Unmounts everything mounted under the cluster's directories (kubelet volumes, containerd's
# rootfs and shm mounts, the kubelet's rshared bind of its root) and its network namespaces,
# deepest first; lazily when a mount is busy.
unmount_all() {
  local pass mount
  local -a mounts
  for pass in 1 2 3; do
    mapfile -t mounts < <(awk '{ print $2 }' /proc/self/mounts | grep -E "^($DATA|$RUN)(/|$)|^/run/netns/cni-" | sort -ru)
    ((${#mounts[@]})) || return 0
    for mount in "${mounts[@]}"; do
      umount "$mount" 2>/dev/null || { ((pass < 3)) || umount -l "$mount" 2>/dev/null; } || true
    done
  done
}

# The network namespaces containerd made for pods (cni-*), except any that existed before up.
remove_netns() {
  local ns
  for ns in /run/netns/cni-*; do
    [[ -e "$ns" ]] || continue
    grep -qx "netns ${ns##*/}" "$STATE_FILE" 2>/dev/null && continue
    ip netns delete "${ns##*/}" 2>/dev/null || { umount -l "$ns" 2>/dev/null; rm -f "$ns"; }
  done
}

remove_host_network() {
  local veth
  # veths of pods whose namespace is already gone disappear by themselves; any left on the bridge
  # go with it.
  for veth in $(ip -o link show master "$BRIDGE" 2>/dev/null | awk -F': ' '{ print $2 }' | cut -d@ -f1); do
    ip link delete "$veth" 2>/dev/null || true
  done
  ip link delete "$BRIDGE" 2>/dev/null || true
  remove_iptables_chains
  # Connection tracking entries of pod and service addresses.
  local cidr
  for cidr in "$POD_CIDR" "$SERVICE_CIDR"; do
    conntrack -D -s "$cidr" >/dev/null 2>&1 || true
    conntrack -D -d "$cidr" >/dev/null 2>&1 || true
  done
}

restore_sysctls() {
  [[ -s "$STATE_FILE" ]] || return 0
  local kind name value
  # ip_forward first: writing it resets every interface's forwarding flag, which the lines after
  # it then put back as they were.
  while read -r kind name value; do
    [[ $kind == sysctl ]] || continue
    [[ "$(sysctl -n "$name" 2>/dev/null)" == "$value" ]] || sysctl -qw "$name=$value" >/dev/null 2>&1 ||
      warn "could not restore sysctl $name=$value"
  done <"$STATE_FILE"
}

remove_cgroups() {
  local fs
  for _ in 1 2 3 4 5; do
    local left=0
    for fs in $(cgroup_hierarchies); do
      [[ -d "$fs/drift-cluster" ]] || continue
      find "$fs/drift-cluster" -depth -type d -exec rmdir {} + 2>/dev/null || true
      [[ -d "$fs/drift-cluster" ]] && left=1
    done
    ((left)) || return 0
    sleep 1
  done
  warn "some cgroups under */drift-cluster could not be removed (processes left in them?)"
}

# Kills whatever still runs in the pods' cgroups (containers whose shim went away with containerd).
kill_pod_processes() {
  local procs
  procs=$(find /sys/fs/cgroup/*/drift-cluster -name cgroup.procs -exec cat {} + 2>/dev/null | sort -u) || true
  # shellcheck disable=SC2086
  [[ -z "$procs" ]] || kill -KILL $procs 2>/dev/null || true
}

remove_foreign_paths() {
  local path
  for path in "${FOREIGN_PATHS[@]}"; do
    [[ -e "$path" ]] || continue
    grep -qx "existed $path" "$STATE_FILE" 2>/dev/null && continue
    case $path in
      # shared with other containerds and iproute2: remove only what is empty
      /run/containerd | /run/netns) find "$path" -depth -type d -empty -delete 2>/dev/null || true ;;
      *) rm -rf --one-file-system "$path" ;;
    esac
  done
}

# --- processes -------------------------------------------------------------------------------------

pid_file() { printf '%s/pids/%s.pid' "$RUN" "$1"; }

# The pid of component $1 if it runs (the pid file names the pid and the executable it ran, so a
# reused pid is not mistaken for it).
component_pid() {
  local pid exe
  read -r pid exe 2>/dev/null <"$(pid_file "$1")" || return 1
  [[ -n "$pid" && "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$exe" ]] || return 1
  printf '%s' "$pid"
}
running() { component_pid "$1" >/dev/null; }

# start_component NAME EXECUTABLE ARGS...: runs it in a session of its own (so down can stop it
# with all its children), its output appended to LOGS/NAME.log.
start_component() {
  local name=$1 exe
  shift
  exe=$(readlink -f "$(command -v "$1")")
  mkdir -p "$RUN/pids" "$LOGS"
  # one older generation kept, so logs do not grow without end over many test runs
  if [[ -f "$LOGS/$name.log" ]] && (($(stat -c %s "$LOGS/$name.log") > 50 * 1024 * 1024)); then
    mv -f "$LOGS/$name.log" "$LOGS/$name.log.1"
  fi
  printf '\n===== %s: %s\n' "$(date -u +%FT%TZ)" "$*" >>"$LOGS/$name.log"
  setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  printf '%s %s\n' "$!" "$exe" >"$(pid_file "$name")"
}

# Prints the end of a component's log and fails.
component_failed() {
  local name=$1 why=$2
  printf '\nlocal-cluster: %s %s; the last lines of %s:\n' "$name" "$why" "$LOGS/$name.log" >&2
  # only this start's lines (each start appends a ===== line to the log)
  tac "$LOGS/$name.log" | sed '/^===== /q' | tac | tail -n 30 | sed 's/^/    /' >&2
  printf 'local-cluster: up failed; `%s down` stops what did start\n' "$0" >&2
  exit 1
}

# wait_ready NAME SECONDS CHECK...: waits until the command CHECK succeeds; fails with NAME's log
# when NAME exits or the time runs out.
wait_ready() {
  local name=$1 timeout=$2 deadline
  shift 2
  deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    running "$name" || component_failed "$name" "exited"
    ((SECONDS < deadline)) || component_failed "$name" "was not ready after ${timeout}s"
    sleep 0.2
  done
}

# stop_components SECONDS NAME...: SIGTERM to each one's process group at once, SIGKILL to those
# still running after SECONDS.
stop_components() {
  local timeout=$1 name pid deadline
  shift
  local -A pids=()
  for name; do
    if pid=$(component_pid "$name"); then
      pids[$name]=$pid
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    else
      rm -f "$(pid_file "$name")"
    fi
  done
  deadline=$((SECONDS + timeout))
  for name in "${!pids[@]}"; do
    pid=${pids[$name]}
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      warn "$name did not stop within ${timeout}s; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    info "stopped $name (pid $pid)"
    rm -f "$(pid_file "$name")"
  done
}

# --- clients ---------------------------------------------------------------------------------------

kubectl_admin() { "$K8S_BIN/kubectl" --kubeconfig "$ADMIN_KUBECONFIG" "$@"; }
crictl_node() { "$CRICTL_BIN/crictl" --runtime-endpoint "unix://$CONTAINERD_SOCK" --image-endpoint "unix://$CONTAINERD_SOCK" --timeout 30s "$@"; }
ctr_node() { ctr --address "$CONTAINERD_SOCK" --namespace k8s.io "$@"; }
curl_admin() {
  curl -sf --max-time 5 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" "$@"
}
http_ok() { curl -sf --max-time 5 -o /dev/null "$@"; }

# --- the components ------------------------------------------------------------------------------

start_etcd() {
  start_component etcd "$ETCD_BIN/etcd" --name drift --data-dir "$DATA/etcd" \
    --listen-client-urls "https://127.0.0.1:$ETCD_CLIENT_PORT" --advertise-client-urls "https://127.0.0.1:$ETCD_CLIENT_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "drift=http://127.0.0.1:$ETCD_PEER_PORT" \
    --cert-file "$PKI/etcd-server.crt" --key-file "$PKI/etcd-server.key" \
    --client-cert-auth --trusted-ca-file "$PKI/ca.crt" --log-level warn
}
etcd_ready() {
  curl -sf --max-time 5 --cacert "$PKI/ca.crt" --cert "$PKI/apiserver-etcd-client.crt" --key "$PKI/apiserver-etcd-client.key" \
    "https://127.0.0.1:$ETCD_CLIENT_PORT/health" | grep -q '"health":"true"'
}

# The API server listens on 127.0.0.1 only. It advertises the bridge gateway, where the
# apiserver-bridge forwards to it: the "kubernetes" service's endpoint must be an address pods can
# reach (endpoints may not be loopback), so that in-cluster clients (the operator) work.
start_apiserver() {
  start_component kube-apiserver "$K8S_BIN/kube-apiserver" \
    --etcd-servers "https://127.0.0.1:$ETCD_CLIENT_PORT" --etcd-cafile "$PKI/ca.crt" \
    --etcd-certfile "$PKI/apiserver-etcd-client.crt" --etcd-keyfile "$PKI/apiserver-etcd-client.key" \
    --bind-address 127.0.0.1 --secure-port "$APISERVER_PORT" --advertise-address "$BRIDGE_IP" \
    --cert-dir "$DATA/apiserver" --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
    --client-ca-file "$PKI/ca.crt" \
    --requestheader-client-ca-file "$PKI/front-proxy-ca.crt" --requestheader-allowed-names front-proxy-client \
    --requestheader-username-headers X-Remote-User --requestheader-group-headers X-Remote-Group \
    --requestheader-extra-headers-prefix X-Remote-Extra- \
    --proxy-client-cert-file "$PKI/front-proxy-client.crt" --proxy-client-key-file "$PKI/front-proxy-client.key" \
    --enable-aggregator-routing=true \
    --kubelet-client-certificate "$PKI/apiserver-kubelet-client.crt" --kubelet-client-key "$PKI/apiserver-kubelet-client.key" \
    --kubelet-certificate-authority "$PKI/ca.crt" --kubelet-preferred-address-types InternalIP \
    --service-cluster-ip-range "$SERVICE_CIDR" --service-node-port-range "$NODE_PORT_RANGE" \
    --service-account-issuer "https://kubernetes.default.svc.$CLUSTER_DOMAIN" \
    --service-account-key-file "$PKI/service-account.pub" --service-account-signing-key-file "$PKI/service-account.key" \
    --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction \
    --allow-privileged=true --profiling=false
}
apiserver_ready() { curl_admin "https://127.0.0.1:$APISERVER_PORT/readyz" | grep -qx ok; }

start_apiserver_bridge() {
  start_component apiserver-bridge socat "TCP-LISTEN:$APISERVER_PORT,bind=$BRIDGE_IP,reuseaddr,fork" "TCP:127.0.0.1:$APISERVER_PORT"
}
apiserver_bridge_ready() { curl_admin "https://$BRIDGE_IP:$APISERVER_PORT/readyz" | grep -qx ok; }

start_controller_manager() {
  start_component kube-controller-manager "$K8S_BIN/kube-controller-manager" \
    --kubeconfig "$CONF/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$CONF/controller-manager.kubeconfig" --authorization-kubeconfig "$CONF/controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$CONTROLLER_MANAGER_PORT" --cert-dir "$DATA/controller-manager" \
    --controllers '*' --use-service-account-credentials --leader-elect=false --cluster-name "$CLUSTER_NAME" \
    --service-account-private-key-file "$PKI/service-account.key" --root-ca-file "$PKI/ca.crt" \
    --cluster-signing-cert-file "$PKI/ca.crt" --cluster-signing-key-file "$PKI/ca.key" \
    --service-cluster-ip-range "$SERVICE_CIDR" --profiling=false
}
controller_manager_ready() { curl -skf --max-time 5 "https://127.0.0.1:$CONTROLLER_MANAGER_PORT/healthz" | grep -qx ok; }

start_scheduler() {
  start_component kube-scheduler "$K8S_BIN/kube-scheduler" \
    --kubeconfig "$CONF/scheduler.kubeconfig" \
    --authentication-kubeconfig "$CONF/scheduler.kubeconfig" --authorization-kubeconfig "$CONF/scheduler.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$SCHEDULER_PORT" --cert-dir "$DATA/scheduler" \
    --leader-elect=false --profiling=false
}
scheduler_ready() { curl -skf --max-time 5 "https://127.0.0.1:$SCHEDULER_PORT/healthz" | grep -qx ok; }

start_containerd() { start_component containerd containerd --config "$CONF/containerd.toml"; }
containerd_ready() { ctr --address "$CONTAINERD_SOCK" version; }

# True when the node's containerd has image $1 (the list is read whole first: grep -q in a pipe
# would end it early and pipefail would count ctr's SIGPIPE as a failure).
node_has_image() {
  local images
  images=$(ctr_node images ls -q) && grep -qxF "$1" <<<"$images"
}

# The sandbox image, imported when containerd does not have it yet.
import_pause_image() {
  node_has_image "$PAUSE_IMAGE" && return 0
  ctr_node images import "$PAUSE_DIR/pause-oci.tar" >/dev/null
  node_has_image "$PAUSE_IMAGE" || die "importing $PAUSE_DIR/pause-oci.tar did not give $PAUSE_IMAGE"
  info "imported $PAUSE_IMAGE"
}

start_kubelet() {
  start_component kubelet "$K8S_BIN/kubelet" --config "$CONF/kubelet.yaml" --kubeconfig "$CONF/kubelet.kubeconfig" \
    --root-dir "$DATA/kubelet" --cert-dir "$DATA/kubelet/pki" --hostname-override "$NODE_NAME" --node-ip "$BRIDGE_IP"
}
kubelet_ready() { http_ok "http://127.0.0.1:$KUBELET_HEALTHZ_PORT/healthz"; }

start_kube_proxy() { start_component kube-proxy "$K8S_BIN/kube-proxy" --config "$CONF/kube-proxy.yaml"; }
kube_proxy_ready() { http_ok "http://127.0.0.1:$PROXY_HEALTHZ_PORT/healthz"; }

start_coredns() { start_component coredns "$COREDNS_BIN/coredns" -conf "$CONF/Corefile"; }
coredns_ready() { http_ok "http://127.0.0.1:$((COREDNS_HEALTH_PORT + 1))/ready"; }

start_volume_reclaimer() { start_component volume-reclaimer bash "$ROOT/scripts/local-cluster.sh" reclaim-volumes --watch; }

node_ready() {
  [[ "$(kubectl_admin get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" == True ]]
}
default_service_account() { kubectl_admin -n default get serviceaccount default; }

# --- objects the cluster starts with ---------------------------------------------------------------

readonly PV_LABEL=drift.dev/local-cluster=true

# What CoreDNS reads, a default StorageClass and the local volumes it binds claims to. Applied
# server-side at every up: no change when nothing changed; a bound volume keeps its claim.
apply_cluster_objects() {
  local i
  mkdir -p "$PV_DIR"
  {
    cat <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: drift:coredns
rules:
- apiGroups: [""]
  resources: [endpoints, services, pods, namespaces]
  verbs: [list, watch]
- apiGroups: [discovery.k8s.io]
  resources: [endpointslices]
  verbs: [list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: drift:coredns
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: drift:coredns
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: drift:coredns
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
reclaimPolicy: Retain
YAML
    for ((i = 0; i < PV_COUNT; i++)); do
      local name path
      name=$(printf 'drift-pv-%02d' "$i")
      path="$PV_DIR/$name"
      if [[ ! -d "$path" ]]; then
        mkdir -p "$path"
        chmod 0777 "$path"
      fi
      # local (not hostPath) volumes: the kubelet applies a pod's fsGroup to them, so images that
      # run as a non-root user can write. Capacity is not enforced; it is large so any claim fits.
      cat <<YAML
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: $name
  labels:
    ${PV_LABEL%%=*}: "true"
spec:
  capacity:
    storage: $PV_SIZE
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: local
  local:
    path: $path
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - key: kubernetes.io/hostname
          operator: In
          values: [$NODE_NAME]
YAML
    done
  } | kubectl_admin apply --server-side --field-manager=drift-local-cluster -f - >/dev/null
}

# Released volumes (their claim was deleted) are wiped and made Available again, so test runs can
# create and delete claims without end.
reclaim_volumes() {
  local name path
  while read -r name path; do
    [[ -n "$name" && "$path" == "$PV_DIR/"* && -d "$path" ]] || continue
    find "$path" -mindepth 1 -delete
    chown 0:0 "$path"
    chmod 0777 "$path"
    kubectl_admin patch pv "$name" --type json -p '[{"op":"remove","path":"/spec/claimRef"}]' >/dev/null
    info "volume $name wiped and Available again"
  done < <(kubectl_admin get pv -l "$PV_LABEL" \
    -o jsonpath='{range .items[?(@.status.phase=="Released")]}{.metadata.name}{" "}{.spec.local.path}{"\n"}{end}')
}

# --- commands --------------------------------------------------------------------------------------

# The components in start order; down stops them in reverse (see cmd_down for the exact order).
readonly COMPONENTS=(etcd kube-apiserver apiserver-bridge kube-controller-manager kube-scheduler containerd kubelet kube-proxy coredns volume-reclaimer)

require_root() { ((EUID == 0)) || die "needs root (it starts a kubelet and changes the host's network)"; }

all_running() {
  local c
  for c in "${COMPONENTS[@]}"; do running "$c" || return 1; done
}
any_running() {
  local c
  for c in "${COMPONENTS[@]}"; do running "$c" && return 0; done
  return 1
}

cmd_up() {
  require_root
  if all_running && apiserver_ready && node_ready; then
    printf 'local-cluster: already up (kubeconfig: %s)\n' "$ADMIN_KUBECONFIG"
    return 0
  fi
  if any_running; then
    warn "the cluster is partly up; stopping it to start it again"
    cmd_down false
  fi
  step "checking Debian packages and the built binaries"
  install_host_packages
  build_all
  step "preparing $DATA, $RUN and the configuration"
  mkdir -p "$DATA" "$RUN" "$LOGS" "$CONF"
  record_host_state
  make_certs
  write_configs
  setup_host_network
  setup_cgroups

  local cluster_started=$SECONDS
  step "starting etcd and containerd"
  start_etcd
  start_containerd
  wait_ready etcd 60 etcd_ready
  wait_ready containerd 60 containerd_ready
  import_pause_image
  step "starting kube-apiserver"
  start_apiserver
  wait_ready kube-apiserver 120 apiserver_ready
  start_apiserver_bridge
  wait_ready apiserver-bridge 20 apiserver_bridge_ready
  step "starting kube-controller-manager, kube-scheduler, the kubelet and kube-proxy"
  start_controller_manager
  start_scheduler
  start_kubelet
  start_kube_proxy
  wait_ready kube-controller-manager 60 controller_manager_ready
  wait_ready kube-scheduler 60 scheduler_ready
  wait_ready kubelet 60 kubelet_ready
  wait_ready kube-proxy 60 kube_proxy_ready
  step "applying CoreDNS's role, the StorageClass and $PV_COUNT volumes; starting CoreDNS"
  apply_cluster_objects
  start_coredns
  wait_ready coredns 60 coredns_ready
  reclaim_volumes
  start_volume_reclaimer
  step "waiting for node $NODE_NAME to be Ready"
  wait_ready kubelet 120 node_ready
  wait_ready kube-controller-manager 60 default_service_account
  end_step
  printf '\nlocal-cluster: up; node Ready %ss after the first component started, %ss in all\n' \
    "$((SECONDS - cluster_started))" "$((SECONDS - started))"
  printf '  export KUBECONFIG=%s\n  export PATH=%s:%s:$PATH\n' "$ADMIN_KUBECONFIG" "$K8S_BIN" "$HELM_BIN"
  printf '  images: %s load-image IMAGE... (pods then use imagePullPolicy: Never)\n' "$0"
}

# Stops the containers of every pod through CRI, so the CNI plugins take their network down
# (veth, iptables, address lease), then whatever CRI did not know about.
remove_pods() {
  running containerd || return 0
  local pods task
  pods=$(crictl_node pods -q 2>/dev/null) || true
  if [[ -n "$pods" ]]; then
    # shellcheck disable=SC2086
    crictl_node stopp $pods >/dev/null 2>&1 || warn "crictl stopp failed for some pods"
    # shellcheck disable=SC2086
    crictl_node rmp -f $pods >/dev/null 2>&1 || warn "crictl rmp failed for some pods"
    info "removed $(wc -w <<<"$pods") pod sandboxes"
  fi
  for task in $(ctr_node tasks ls -q 2>/dev/null); do
    ctr_node tasks kill -s SIGKILL "$task" >/dev/null 2>&1 || true
    ctr_node tasks delete -f "$task" >/dev/null 2>&1 || true
  done
  ctr_node containers ls -q 2>/dev/null | xargs -r ctr --address "$CONTAINERD_SOCK" --namespace k8s.io containers rm >/dev/null 2>&1 || true
}

# Shims of this containerd that outlived it (a containerd that crashed, or a task not deleted).
kill_shims() {
  local proc
  for proc in /proc/[0-9]*; do
    [[ "$(tr '\0' ' ' <"$proc/cmdline" 2>/dev/null)" == *containerd-shim*" -address $CONTAINERD_SOCK"* ]] || continue
    kill -KILL "${proc#/proc/}" 2>/dev/null || true
  done
}

cmd_down() {
  local purge=$1
  require_root
  if ! any_running && [[ ! -e "$STATE_FILE" ]] && ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    info "nothing running"
  else
    step "stopping the node's agents (so nothing restarts the pods)"
    stop_components 15 volume-reclaimer coredns kube-proxy kubelet
    step "removing pods and containers"
    remove_pods
    stop_components 30 containerd
    kill_shims
    kill_pod_processes
    step "stopping the control plane"
    stop_components 30 kube-scheduler kube-controller-manager apiserver-bridge kube-apiserver
    stop_components 15 etcd
    step "undoing the host changes: mounts, network namespaces, bridge, iptables chains, sysctls, cgroups"
    unmount_all
    remove_netns
    remove_host_network
    restore_sysctls
    remove_cgroups
    unmount_all
    remove_foreign_paths
    rm -rf --one-file-system "$RUN"
  fi
  if [[ $purge == true ]]; then
    step "deleting the cluster's data ($DATA, $LOGS)"
    unmount_all
    rm -rf --one-file-system "$DATA" "$LOGS"
  fi
  end_step
  printf 'local-cluster: down%s\n' "$([[ $purge == true ]] && echo ' (data deleted)' || echo "; data kept in $DATA (--purge deletes it)")"
}

cmd_status() {
  local c pid ok=0
  printf '%-24s %-8s %s\n' COMPONENT PID STATE
  for c in "${COMPONENTS[@]}"; do
    if pid=$(component_pid "$c"); then
      printf '%-24s %-8s up\n' "$c" "$pid"
    else
      printf '%-24s %-8s down\n' "$c" -
      ok=1
    fi
  done
  if running kube-apiserver && apiserver_ready; then
    printf 'API server /readyz: ok (https://127.0.0.1:%s)\n' "$APISERVER_PORT"
    if node_ready; then printf 'node %s: Ready\n' "$NODE_NAME"; else printf 'node %s: not Ready\n' "$NODE_NAME"; ok=1; fi
    printf 'volumes: %s\n' "$(kubectl_admin get pv -l "$PV_LABEL" -o jsonpath='{range .items[*]}{.status.phase}{"\n"}{end}' | sort | uniq -c | awk '{ printf "%s%s %s", sep, $1, $2; sep=", " }')"
  else
    printf 'API server /readyz: not ready\n'
    ok=1
  fi
  printf 'kubeconfig: %s\nlogs: %s\n' "$ADMIN_KUBECONFIG" "$LOGS"
  return "$ok"
}

cmd_kubeconfig() {
  [[ -s "$ADMIN_KUBECONFIG" ]] || die "no cluster has been set up here ($ADMIN_KUBECONFIG is missing; run up)"
  printf '%s\n' "$ADMIN_KUBECONFIG"
}

cmd_env() {
  printf 'export KUBECONFIG=%q\nexport PATH=%q:%q:"$PATH"\n' "$ADMIN_KUBECONFIG" "$K8S_BIN" "$HELM_BIN"
}

# The name containerd gives an image Docker calls $1 (docker.io/ and library/ made explicit).
containerd_ref() {
  local ref=$1 first=${1%%/*}
  if [[ $ref != */* ]]; then
    ref="docker.io/library/$ref"
  elif [[ $first != *.* && $first != *:* && $first != localhost ]]; then
    ref="docker.io/$ref"
  fi
  [[ $ref == *@* || ${ref##*/} == *:* ]] || ref+=":latest"
  printf '%s' "$ref"
}

cmd_load_image() {
  (($#)) || usage_error "load-image needs at least one IMAGE"
  require_root
  running containerd || die "the cluster is not up (run: $0 up)"
  command -v docker >/dev/null || die "no docker client (apt-get install docker.io)"
  docker info >/dev/null 2>&1 || die "no Docker engine answers (start dockerd)"
  local image ref
  for image; do
    docker image inspect "$image" >/dev/null 2>&1 ||
      die "image $image is not in Docker; build it first (e.g. ./drift-ops build drift, scripts/build-base-images.sh)"
  done
  for image; do
    step "loading $image into the node"
    ref=$(containerd_ref "$image")
    docker save "$image" | ctr_node images import - >/dev/null
    node_has_image "$ref" || die "$image was imported but containerd does not list $ref"
    info "$ref (pods: image: $image, imagePullPolicy: Never)"
  done
}

usage() { sed -n '2,/^set -euo pipefail/{/^set -euo/d;s/^# \{0,1\}//;p}' "$ROOT/scripts/local-cluster.sh"; }

main() {
  local cmd=${1:-}
  (($#)) && shift
  case "$cmd" in
    up)
      [[ $# == 0 ]] || usage_error "up takes no arguments"
      cmd_up ;;
    down)
      case "${1:-}" in
        "") cmd_down false ;;
        --purge) cmd_down true ;;
        *) usage_error "down: unknown argument: $1" ;;
      esac ;;
    status) cmd_status ;;
    kubeconfig) cmd_kubeconfig ;;
    env) cmd_env ;;
    load-image) cmd_load_image "$@" ;;
    reclaim-volumes)
      if [[ "${1:-}" == --watch ]]; then
        while true; do reclaim_volumes || true; sleep 10; done
      fi
      reclaim_volumes ;;
    build) build_all ;;
    -h | --help | help) usage ;;
    "") usage_error "a command is needed" ;;
    *) usage_error "unknown command: $cmd" ;;
  esac
  end_step
}

main "$@"
