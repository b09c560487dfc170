#!/usr/bin/env bash
# SmartNFVO test Kubernetes: a single-node Kubernetes 1.20 on 127.0.0.1, built
# from Debian 12's `kubernetes` source package, with Debian's etcd, docker.io
# (kubelet's dockershim) and CNI plugins, and images made from Debian packages.
#
#   kubernetes.sh build             build the binaries and images once (cached)
#   kubernetes.sh build --background   the same at nice 19 behind this shell;
#                                   a later build or up waits for it
#   kubernetes.sh up                build if needed, start, write the kubeconfig
#   kubernetes.sh down              stop everything up started, restore the host
#   kubernetes.sh status            per component: running/stopped, pid, memory
#   kubernetes.sh stop|start|restart COMPONENT   fault injection
#   kubernetes.sh components        list component names
#   kubernetes.sh check-down        exit 0 when nothing of the cluster remains
#   kubernetes.sh kubectl ARGS...   the built kubectl on /etc/smartnfvo/kubeconfig
#
# Runs as root on a machine without systemd.  See tests/cloud/README.md.
set -euo pipefail
# No job control: background children stay in our process group, so the
# setsid below never forks and $! is the daemon's own pid.
set +m
set -E

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
FILES=$HERE/kubernetes
STATE_DIR=${SMARTNFVO_K8S_STATE:-/var/lib/smartnfvo-k8s}
RUN_DIR=$STATE_DIR/run
PKI=$STATE_DIR/pki
LOG_DIR=${SMARTNFVO_K8S_LOGS:-/var/log/smartnfvo-k8s}
CACHE_ROOT=${SMARTNFVO_K8S_CACHE:-/var/cache/smartnfvo/kubernetes}
BUILD_ROOT=${SMARTNFVO_K8S_BUILD:-/var/cache/smartnfvo/kubernetes-build}
KUBECONFIG_OUT=${SMARTNFVO_KUBECONFIG:-/etc/smartnfvo/kubeconfig}
SRC_LIST=/etc/apt/sources.list.d/smartnfvo-deb-src.sources
# Debian's tools first, whatever the caller's PATH (/usr/local/bin holds an
# engine-less docker client, /usr/bin/kubectl is not ours: absolute paths).
export PATH=/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/local/bin
export LC_ALL=C.UTF-8

NODE=$(hostname)
API_PORT=6443
ETCD_PORT=2379
ETCD_PEER_PORT=2380
SERVICE_CIDR=10.96.0.0/16
CLUSTER_CIDR=10.244.0.0/16
POD_CIDR=10.244.0.0/24
CNI_BRIDGE=smk8s0                    # our own name: never clashes with cni0
DOCKER_SOCK=/run/smartnfvo-k8s/docker.sock
DOCKER_ROOT=$STATE_DIR/docker
KUBELET_ROOT=/var/lib/kubelet
DOCKER=/usr/bin/docker               # Debian's docker.io client
BINS=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)
# Start order; `down` stops in reverse.
COMPONENTS=(etcd dockerd kube-apiserver kube-controller-manager kube-scheduler
            kubelet kube-proxy)
BUILD_PACKAGES=(golang-go make gcc libc6-dev rsync dpkg-dev patch)
RUN_PACKAGES=(etcd-server docker.io runc containernetworking-plugins iptables
              iproute2 conntrack openssl debootstrap busybox-static curl
              procps util-linux ethtool socat)
# The host settings up may change (kubelet and kube-proxy set them);
# up records their values before, down restores them.
SYSCTLS=(net.ipv4.ip_forward net.ipv4.conf.all.route_localnet
         net.bridge.bridge-nf-call-iptables net.bridge.bridge-nf-call-ip6tables
         vm.overcommit_memory vm.panic_on_oom kernel.panic kernel.panic_on_oops
         kernel.keys.root_maxkeys kernel.keys.root_maxbytes)

VERSION=${SMARTNFVO_K8S_VERSION:-} CACHE="" BIN="" KUBECTL=""
# shellcheck source=tests/cloud/lib.sh
. "$HERE/lib.sh"    # say, die, on_err, step, log_tail

# ------------------------------------------------------------- packages

apt_install() { # PACKAGE...: install those missing, starting no daemon
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
    done
    ((${#missing[@]})) || return 0
    local policy=/usr/sbin/policy-rc.d backup="" rc=0
    if [[ -e $policy ]]; then backup=$(mktemp); cp -p "$policy" "$backup"; fi
    printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod 755 "$policy"
    {
        apt-get update -q &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
            -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"
    } </dev/null >>"$LOG_DIR/install.log" 2>&1 || rc=$?
    if [[ -n $backup ]]; then cp -p "$backup" "$policy"; rm -f "$backup"; else rm -f "$policy"; fi
    if ((rc)); then
        log_tail "$LOG_DIR/install.log"
        die "package installation failed (log: $LOG_DIR/install.log)"
    fi
    echo "         installed: ${missing[*]}"
}

deb_src() { # a deb-src entry for bookworm, unless one exists
    if ! grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
        cat >"$SRC_LIST" <<'EOF'
# Added by SmartNFVO tests/cloud/kubernetes.sh: Kubernetes is built from source.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
        apt-get update -q >>"$LOG_DIR/install.log" 2>&1
    fi
}

# The source version to build: the newest `kubernetes` source apt knows.
src_version() {
    local v best=""
    while read -r v; do
        if [[ -z $best ]] || dpkg --compare-versions "$v" gt "$best"; then best=$v; fi
    done < <(apt-cache showsrc --only-source kubernetes 2>/dev/null | awk '/^Version:/ {print $2}')
    [[ -n $best ]] || die "no 'kubernetes' source package known to apt (deb-src entry: $SRC_LIST)"
    echo "$best"
}

# ---------------------------------------------------------------- build

# Cached layout: $CACHE/bin/{kube-*,kubelet,kubectl,pause}, $CACHE/complete
# (the stamp: written last), $CACHE/images/<name>-<recipe hash>.tar.
set_cache() { # [prepare]: with "prepare", add the deb-src entry when apt knows no source
    if [[ -z ${VERSION:-} ]]; then
        VERSION=$(src_version 2>/dev/null) || VERSION=""
        if [[ -z $VERSION ]]; then
            # A finished cache of any version is good enough offline.
            local stamp
            stamp=$(find "$CACHE_ROOT" -mindepth 2 -maxdepth 2 -name complete 2>/dev/null | sort -V | tail -1)
            if [[ -n $stamp ]]; then
                VERSION=$(basename "$(dirname "$stamp")")
            elif [[ ${1:-} == prepare ]]; then
                deb_src
                VERSION=$(src_version)
            else
                return 1
            fi
        fi
    fi
    CACHE=$CACHE_ROOT/$VERSION
    BIN=$CACHE/bin
    KUBECTL=$BIN/kubectl
}

build_done() { [[ -f $CACHE/complete ]]; }

build_binaries() {
    if build_done; then
        echo "         cached: $BIN ($(cat "$CACHE/complete"))"
        return 0
    fi
    local work=$BUILD_ROOT/$VERSION log=$LOG_DIR/build.log t
    local upstream=${VERSION#*really}; upstream=${upstream%%-*}
    local src=$work/kubernetes-$upstream
    mkdir -p "$work"
    printf '===== %s starting build of %s\n' "$(date -Is)" "$VERSION" >>"$log"
    # 1. source (resumable: each stage leaves a stamp in the work dir)
    if [[ ! -f $work/.extracted ]]; then
        rm -rf "$src"
        (cd "$work" && apt-get source -q --download-only "kubernetes=$VERSION") >>"$log" 2>&1 ||
            { log_tail "$log"; die "apt-get source kubernetes=$VERSION failed"; }
        (cd "$work" && dpkg-source -x ./*.dsc "$src") >>"$log" 2>&1 ||
            { log_tail "$log"; die "dpkg-source -x failed"; }
        patch -d "$src" -p1 <"$FILES/reflect2-go1.18.patch" >>"$log" 2>&1 ||
            { log_tail "$log"; die "the reflect2 patch does not apply"; }
        touch "$work/.extracted"
    fi
    # 2. generated files, then the binaries, in GOPATH mode (hack/lib/init.sh
    #    sets GO111MODULE=off) as the source's own make does.
    t=${EPOCHREALTIME/./}
    local whats=() b
    for b in "${BINS[@]}"; do whats+=("cmd/$b"); done
    if ! (cd "$src" && env HOME="$work" GOFLAGS= \
            make generated_files >>"$log" 2>&1 &&
          env HOME="$work" GOFLAGS= make WHAT="${whats[*]}" >>"$log" 2>&1); then
        log_tail "$log"
        die "the Kubernetes build failed (log: $log)"
    fi
    echo "         compiled ${BINS[*]} in $(elapsed "$t")s"
    # 3. pause, as the source's build/pause Makefile does
    local tag
    tag=$(awk '$1 == "TAG" {print $3; exit}' "$src/build/pause/Makefile")
    mkdir -p "$BIN.new"
    gcc -Os -Wall -Werror -static -DVERSION="v$tag-smartnfvo" \
        -o "$BIN.new/pause" "$src/build/pause/linux/pause.c" >>"$log" 2>&1 ||
        { log_tail "$log"; die "building pause failed"; }
    strip "$BIN.new/pause"
    for b in "${BINS[@]}"; do
        install -m 0755 "$src/_output/local/go/bin/$b" "$BIN.new/$b" 2>/dev/null ||
            install -m 0755 "$src/_output/bin/$b" "$BIN.new/$b"
    done
    rm -rf "$BIN"; mv "$BIN.new" "$BIN"
    echo "$tag" >"$CACHE/pause-tag"
    "$KUBECTL" version --client --short 2>/dev/null | sed -n 's/^Client Version: //p' >"$CACHE/complete.tmp" ||
        echo "$VERSION" >"$CACHE/complete.tmp"
    mv "$CACHE/complete.tmp" "$CACHE/complete"
    # 4. the 3.6 GB build tree and Go cache go away (SMARTNFVO_K8S_KEEP_BUILD=1 keeps them)
    if [[ ${SMARTNFVO_K8S_KEEP_BUILD:-0} != 1 ]]; then rm -rf "$work"; fi
    echo "         cached: $BIN ($(du -sh "$BIN" | cut -f1))"
}

# One build at a time: `build --background` holds this lock while it runs, and
# a later build or up waits for it (printing its progress) rather than racing
# it for the same build tree.
build_lock() {
    mkdir -p "$CACHE_ROOT"
    exec {BUILD_LOCK_FD}>"$CACHE_ROOT/.build.lock"
    flock -n "$BUILD_LOCK_FD" && return 0
    echo "         waiting for the build in progress (log: $LOG_DIR/build.log)"
    local deadline=$((SECONDS + ${SMARTNFVO_K8S_BUILD_WAIT:-5400}))
    until flock -w 60 "$BUILD_LOCK_FD"; do
        ((SECONDS < deadline)) || die "the build in progress did not end within ${SMARTNFVO_K8S_BUILD_WAIT:-5400} s"
        echo "         still building: $(tail -n 1 "$LOG_DIR/build.log" 2>/dev/null | cut -c1-100)"
    done
}

build_all() {
    step "kubernetes $VERSION binaries" build_binaries
    step "images" build_images
    say "build ready in $CACHE"
}

cmd_build() { # [--background]
    [[ $(id -u) == 0 ]] || die "must run as root"
    mkdir -p "$LOG_DIR"
    trap 'on_err $LINENO' ERR
    say "SmartNFVO test Kubernetes: build (log in $LOG_DIR/build.log)"
    # Packages and the deb-src entry in the foreground: apt must not run behind
    # the caller's back, where another apt could meet its lock.
    step "packages for the build" apt_install "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}"
    step "deb-src entry" deb_src
    set_cache prepare
    if [[ ${1:-} == --background ]]; then
        if build_done && images_cached; then say "build ready in $CACHE"; return 0; fi
        # The child takes the lock itself, so that it is held exactly as long
        # as the build runs; at nice 19 it takes only what the caller leaves.
        local out=$LOG_DIR/build-background.log
        ( renice -n 19 -p "$BASHPID" >/dev/null; build_lock; build_all ) </dev/null >"$out" 2>&1 &
        say "building in the background at nice 19 (pid $!; output in $out); up waits for it"
        return 0
    fi
    [[ $# == 0 ]] || die "usage: $0 build [--background]"
    build_lock
    build_all
}

# ------------------------------------------------------------ the rest

# ---------------------------------------------------------------- images

IMAGES=(pause base sshd)

# image_def NAME: sets IMAGE (docker name), RECIPE (files that define it) and
# CHANGES (docker import --change options).
image_def() {
    case $1 in
    pause) IMAGE=smartnfvo/pause:$(cat "$CACHE/pause-tag" 2>/dev/null || echo 3.4)
           RECIPE=("$BIN/pause"); CHANGES=(--change 'ENTRYPOINT ["/pause"]') ;;
    base)  IMAGE=smartnfvo/base:1; RECIPE=("$FILES/images/base.sh")
           CHANGES=(--change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' --change 'CMD ["/bin/sh"]') ;;
    sshd)  IMAGE=smartnfvo/sshd:1; RECIPE=("$FILES/images/sshd.sh")
           CHANGES=(--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
                    --change 'EXPOSE 22' --change 'ENTRYPOINT ["/usr/local/sbin/smartnfvo-sshd"]') ;;
    *) die "unknown image $1" ;;
    esac
    HASH=$(cat "${RECIPE[@]}" <(printf '%s\n' "${CHANGES[@]}") | sha256sum | cut -c1-12)
    CHANGES+=(--change "LABEL org.smartnfvo.recipe=$HASH")
    TARBALL=$CACHE/images/$1-$HASH.tar
}

# The root file systems, as tarballs in the cache keyed by their recipe's hash.
build_images() {
    local name root log=$LOG_DIR/build.log built=()
    mkdir -p "$CACHE/images"
    for name in "${IMAGES[@]}"; do
        image_def "$name"
        [[ -s $TARBALL ]] && continue
        root=$BUILD_ROOT/rootfs-$name
        rm -rf "$root"; mkdir -p "$root"
        printf '===== %s starting image %s (%s)\n' "$(date -Is)" "$name" "$HASH" >>"$log"
        case $name in
        pause) install -m 0755 "$BIN/pause" "$root/pause" ;;
        *) sh "${RECIPE[0]}" "$root" </dev/null >>"$log" 2>&1 ||
               { log_tail "$log"; die "image recipe $name failed (log: $log)"; } ;;
        esac
        tar --numeric-owner -C "$root" -cf "$TARBALL.tmp" .
        mv "$TARBALL.tmp" "$TARBALL"
        rm -rf "$root"
        find "$CACHE/images" -name "$name-*.tar" ! -name "${TARBALL##*/}" -delete
        built+=("$name")
    done
    echo "         ${built[*]:-all cached}: $(du -sh "$CACHE/images" | cut -f1) in $CACHE/images"
}

images_cached() {
    local name
    for name in "${IMAGES[@]}"; do image_def "$name"; [[ -s $TARBALL ]] || return 1; done
}

# Into dockerd, unless it has them with the same recipe hash.
import_images() {
    local name have imported=()
    for name in "${IMAGES[@]}"; do
        image_def "$name"
        have=$(dk image inspect -f '{{index .Config.Labels "org.smartnfvo.recipe"}}' "$IMAGE" 2>/dev/null || true)
        [[ $have == "$HASH" ]] && continue
        dk import "${CHANGES[@]}" "$TARBALL" "$IMAGE" >/dev/null
        imported+=("$IMAGE")
    done
    echo "         ${imported[*]:-all present}"
}

dk() { "$DOCKER" -H "unix://$DOCKER_SOCK" "$@"; }

# ---------------------------------------------------------- components

# comp_def NAME: sets CMD (argv), HEALTH (a readiness probe command).
comp_def() {
    local kc=$STATE_DIR/kubeconfig
    case $1 in
    etcd)
        CMD=(/usr/bin/etcd --name smartnfvo --data-dir "$STATE_DIR/etcd"
             --listen-client-urls "http://127.0.0.1:$ETCD_PORT"
             --advertise-client-urls "http://127.0.0.1:$ETCD_PORT"
             --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT"
             --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT"
             --initial-cluster "smartnfvo=http://127.0.0.1:$ETCD_PEER_PORT"
             --listen-metrics-urls "" --log-level warn)
        HEALTH=(curl -fsS -m 5 "http://127.0.0.1:$ETCD_PORT/health") ;;
    dockerd)
        # No host networking at all (the CNI plugins do the pods' network),
        # its own socket, state and runtime wrapper.
        CMD=(/usr/sbin/dockerd --host "unix://$DOCKER_SOCK" --data-root "$DOCKER_ROOT"
             --exec-root /run/smartnfvo-k8s/docker --pidfile /run/smartnfvo-k8s/dockerd.pid
             --iptables=false --ip-masq=false --bridge=none --ip-forward=false
             --ip6tables=false --oom-score-adjust=0 --exec-opt native.cgroupdriver=cgroupfs
             --add-runtime "smartnfvo-runc=$STATE_DIR/bin/runc-clamp"
             --default-runtime smartnfvo-runc --log-level warn)
        HEALTH=("$DOCKER" -H "unix://$DOCKER_SOCK" version) ;;
    kube-apiserver)
        # shellcheck disable=SC2054
        CMD=("$BIN/kube-apiserver" --bind-address=127.0.0.1 --advertise-address=127.0.0.1
             --secure-port="$API_PORT" --insecure-port=0
             --etcd-servers="http://127.0.0.1:$ETCD_PORT"
             --service-cluster-ip-range="$SERVICE_CIDR" --allow-privileged=true
             --authorization-mode=Node,RBAC --enable-admission-plugins=NodeRestriction
             --client-ca-file="$PKI/ca.crt"
             --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key"
             --kubelet-client-certificate="$PKI/apiserver-kubelet-client.crt"
             --kubelet-client-key="$PKI/apiserver-kubelet-client.key"
             --kubelet-certificate-authority="$PKI/ca.crt"
             --kubelet-preferred-address-types=Hostname,InternalIP
             --service-account-key-file="$PKI/sa.pub"
             --service-account-signing-key-file="$PKI/sa.key"
             --service-account-issuer=https://kubernetes.default.svc.cluster.local
             --api-audiences=https://kubernetes.default.svc.cluster.local
             --profiling=false --v=1)
        HEALTH=(curl -fsS -m 5 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key"
                "https://127.0.0.1:$API_PORT/readyz") ;;
    kube-controller-manager)
        CMD=("$BIN/kube-controller-manager" --kubeconfig="$kc/controller-manager.kubeconfig"
             --authentication-kubeconfig="$kc/controller-manager.kubeconfig"
             --authorization-kubeconfig="$kc/controller-manager.kubeconfig"
             --bind-address=127.0.0.1 --secure-port=10257 --port=0 --leader-elect=false
             --service-account-private-key-file="$PKI/sa.key" --root-ca-file="$PKI/ca.crt"
             --cluster-signing-cert-file="$PKI/ca.crt" --cluster-signing-key-file="$PKI/ca.key"
             --use-service-account-credentials=true
             --allocate-node-cidrs=true --cluster-cidr="$CLUSTER_CIDR" --node-cidr-mask-size=24
             --service-cluster-ip-range="$SERVICE_CIDR" --profiling=false --v=1)
        HEALTH=(curl -fsSk -m 5 https://127.0.0.1:10257/healthz) ;;
    kube-scheduler)
        CMD=("$BIN/kube-scheduler" --kubeconfig="$kc/scheduler.kubeconfig"
             --authentication-kubeconfig="$kc/scheduler.kubeconfig"
             --authorization-kubeconfig="$kc/scheduler.kubeconfig"
             --bind-address=127.0.0.1 --secure-port=10259 --port=0 --leader-elect=false
             --profiling=false --v=1)
        HEALTH=(curl -fsSk -m 5 https://127.0.0.1:10259/healthz) ;;
    kubelet)
        # No --node-ip: a loopback node IP is refused; the apiserver reaches
        # the kubelet by host name (which resolves to 127.0.0.1).
        CMD=("$BIN/kubelet" --config="$STATE_DIR/config/kubelet.yaml"
             --kubeconfig="$kc/kubelet.kubeconfig" --root-dir="$KUBELET_ROOT"
             --container-runtime=docker --docker-endpoint="unix://$DOCKER_SOCK"
             --network-plugin=cni --cni-bin-dir=/usr/lib/cni
             --cni-conf-dir="$STATE_DIR/cni/net.d" --cni-cache-dir="$STATE_DIR/cni/cache"
             --pod-infra-container-image="$(image_def pause; echo "$IMAGE")"
             --oom-score-adj=0 --v=1)
        HEALTH=(curl -fsS -m 5 http://127.0.0.1:10248/healthz) ;;
    kube-proxy)
        CMD=("$BIN/kube-proxy" --config="$STATE_DIR/config/kube-proxy.yaml" --v=1)
        HEALTH=(curl -fsS -m 5 http://127.0.0.1:10256/healthz) ;;
    *) die "unknown component '$1' (known: ${COMPONENTS[*]})" ;;
    esac
}

# ----------------------------------------------------- process control

proc_start_ticks() { # start time of PID in clock ticks (guards against pid reuse)
    local s
    s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    s=${s##*) }
    local f
    read -r -a f <<<"$s"
    echo "${f[19]}"
}

comp_pid() { # NAME: the pid if the process up started still runs
    local pid ticks
    [[ -f $RUN_DIR/$1.pid ]] && read -r pid ticks _ <"$RUN_DIR/$1.pid" || return 1
    [[ -n $pid && $(proc_start_ticks "$pid" 2>/dev/null) == "$ticks" ]] || return 1
    echo "$pid"
}

session_pids() { # SID: every process of that session, and their descendants
    ps -eo pid=,ppid=,sid= | awk -v s="$1" '
        { pp[$1] = $2; if ($3 == s) keep[$1] = 1 }
        END { for (p in pp) { q = p; while (q > 1 && !(q in keep)) q = pp[q]
                              if (q in keep) print p } }'
}

launch() { # NAME: start it in its own session, log appended, pid recorded
    local name=$1 log=$LOG_DIR/$1.log pid
    comp_def "$name"
    mkdir -p /run/smartnfvo-k8s
    printf '===== %s starting %s\n' "$(date -Is)" "$name" >>"$log"
    (
        # Inherited descriptors (a CI pipe, say) must not stay open in daemons.
        for fd in "/proc/$BASHPID/fd/"*; do
            fd=${fd##*/}
            if ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi
        done
        cd /
        exec setsid "${CMD[@]}"
    ) </dev/null >>"$log" 2>&1 &
    pid=$!
    echo "$pid $(proc_start_ticks "$pid") $(date +%s)" >"$RUN_DIR/$name.pid"
}

await() { # NAME TIMEOUT: until its health probe answers; dies with its log
    local name=$1 deadline=$((SECONDS + $2))
    comp_def "$name"
    until "${HEALTH[@]}" >/dev/null 2>&1; do
        if ! comp_pid "$name" >/dev/null; then
            log_tail "$LOG_DIR/$name.log"
            die "$name exited during start-up (log: $LOG_DIR/$name.log)"
        fi
        if ((SECONDS >= deadline)); then
            log_tail "$LOG_DIR/$name.log"
            die "$name not ready within $2 s (log: $LOG_DIR/$name.log)"
        fi
        sleep 0.3
    done
}

# run COMPONENT...: start those not running (or stale), wait for all
run() {
    local name started=()
    for name in "$@"; do
        if [[ " ${STALE[*]} " == *" $name "* ]]; then halt "$name"; fi
        comp_pid "$name" >/dev/null && continue
        launch "$name"; started+=("$name")
    done
    for name in "$@"; do await "$name" 180; done
    if ((${#started[@]})); then echo "         started: ${started[*]}"; else echo "         already running"; fi
}

# halt COMPONENT...: TERM each session, KILL what remains after 30 s
halt() {
    local name pid pids=() left p deadline=$((SECONDS + 30))
    for name in "$@"; do
        if pid=$(comp_pid "$name"); then
            mapfile -t -O "${#pids[@]}" pids < <(session_pids "$pid")
            kill -TERM -- "-$pid" 2>/dev/null || true
        fi
        rm -f "$RUN_DIR/$name.pid"
    done
    while ((${#pids[@]})); do
        left=()
        for p in "${pids[@]}"; do
            [[ $(awk '{print $3}' "/proc/$p/stat" 2>/dev/null) =~ ^[^Z]$ ]] && left+=("$p")
        done
        pids=("${left[@]+"${left[@]}"}")
        ((${#pids[@]})) || break
        if ((SECONDS >= deadline)); then
            echo "         still running after 30 s, killed: ${pids[*]}" >&2
            kill -KILL "${pids[@]}" 2>/dev/null || true
            break
        fi
        sleep 0.2
    done
}

# ------------------------------------------------------------ host state

# The values before the first up, kept until down restores them.
SAVED=$STATE_DIR/host/sysctls.before
RESTORED=$STATE_DIR/host/sysctls.restored

sysctl_get() { sysctl -n "$1" 2>/dev/null || echo "-"; }

save_host() {
    mkdir -p "$STATE_DIR/host"
    [[ -s $SAVED ]] && return 0
    local k
    for k in "${SYSCTLS[@]}"; do echo "$k $(sysctl_get "$k")"; done >"$SAVED.tmp"
    # iptables-nft makes the nft tables ip/ip6 filter, nat, mangle on first use
    nft list tables 2>/dev/null >"$STATE_DIR/host/nft-tables.before" || true
    mv "$SAVED.tmp" "$SAVED"
}

# nft tables that iptables-nft made for our rules: absent before up, empty now
new_empty_tables() {
    local before=$STATE_DIR/host/nft-tables.before fam name ipt
    [[ -f $before ]] || return 0
    nft list tables 2>/dev/null | while read -r _ fam name; do
        [[ $fam == ip || $fam == ip6 ]] || continue
        [[ " filter nat mangle raw " == *" $name "* ]] || continue
        grep -qx "table $fam $name" "$before" && continue
        ipt=iptables; [[ $fam == ip ]] || ipt=ip6tables
        "$ipt" -w -t "$name" -S 2>/dev/null | grep -q '^-[AN] ' && continue
        echo "$fam $name"
    done
}

restore_host() {
    [[ -s $SAVED ]] || return 0
    local k v changed=()
    while read -r k v; do
        [[ $v == - || $(sysctl_get "$k") == "$v" ]] && continue
        sysctl -qw "$k=$v" && changed+=("$k=$v")
    done <"$SAVED"
    mv "$SAVED" "$RESTORED"
    echo "         sysctls restored: ${changed[*]:-none had changed}"
}

# The apiserver reaches the kubelet by the host's name: it must be loopback.
check_hostname() {
    local ip
    ip=$(getent ahostsv4 "$NODE" | awk 'NR == 1 {print $1}')
    [[ $ip == 127.0.0.1 ]] ||
        die "host name $NODE resolves to '${ip:-nothing}', not 127.0.0.1: add '127.0.0.1 $NODE' to /etc/hosts"
}

# ------------------------------------------------------- PKI, kubeconfigs

# cert NAME CN [O] [SANS]: a key and a certificate signed by our CA
cert() {
    local name=$1 cn=$2 o=${3:-} sans=${4:-} subj
    [[ -s $PKI/$name.crt && -s $PKI/$name.key ]] && return 0
    subj="/CN=$cn"; [[ -z $o ]] || subj="/O=$o$subj"
    openssl genrsa -out "$PKI/$name.key" 2048 2>/dev/null
    openssl req -new -key "$PKI/$name.key" -subj "$subj" -out "$PKI/$name.csr"
    {
        echo "basicConstraints=critical,CA:FALSE"
        echo "keyUsage=critical,digitalSignature,keyEncipherment"
        echo "extendedKeyUsage=${sans:+serverAuth,}clientAuth"
        [[ -z $sans ]] || echo "subjectAltName=$sans"
    } >"$PKI/$name.ext"
    openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" \
        -CAcreateserial -days 3650 -sha256 -extfile "$PKI/$name.ext" -out "$PKI/$name.crt" 2>/dev/null
    rm -f "$PKI/$name.csr" "$PKI/$name.ext"
}

make_pki() {
    mkdir -p "$PKI"; chmod 700 "$PKI"
    if [[ ! -s $PKI/ca.crt ]]; then
        openssl req -x509 -newkey rsa:2048 -nodes -keyout "$PKI/ca.key" -out "$PKI/ca.crt" \
            -days 3650 -sha256 -subj "/CN=smartnfvo-k8s-ca" \
            -addext "basicConstraints=critical,CA:TRUE" \
            -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2>/dev/null
    fi
    local svc_ip=${SERVICE_CIDR%.*/*}.1
    cert apiserver kube-apiserver "" "DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,DNS:localhost,DNS:$NODE,IP:127.0.0.1,IP:$svc_ip"
    cert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters
    cert admin smartnfvo-admin system:masters
    cert smartnfvo smartnfvo smartnfvo:tenants
    cert controller-manager system:kube-controller-manager
    cert scheduler system:kube-scheduler
    cert kube-proxy system:kube-proxy
    cert kubelet "system:node:$NODE" system:nodes
    cert kubelet-serving "$NODE" "" "DNS:$NODE,DNS:localhost,IP:127.0.0.1"
    [[ -s $PKI/sa.key ]] || openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null
    [[ -s $PKI/sa.pub ]] || openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
    chmod 600 "$PKI"/*.key
}

# kubeconfig FILE CLUSTER USER CERT CONTEXT: add/update one user and context
kubeconfig() {
    local file=$1 cluster=$2 user=$3 crt=$4 ctx=$5
    local k=("$KUBECTL" --kubeconfig="$file" config)
    "${k[@]}" set-cluster "$cluster" --server="https://127.0.0.1:$API_PORT" \
        --certificate-authority="$PKI/ca.crt" --embed-certs=true >/dev/null
    "${k[@]}" set-credentials "$user" --client-certificate="$PKI/$crt.crt" \
        --client-key="$PKI/$crt.key" --embed-certs=true >/dev/null
    "${k[@]}" set-context "$ctx" --cluster="$cluster" --user="$user" >/dev/null
}

make_kubeconfigs() {
    local d=$STATE_DIR/kubeconfig c
    mkdir -p "$d"; chmod 700 "$d"
    for c in admin controller-manager scheduler kube-proxy kubelet; do
        [[ -s $d/$c.kubeconfig ]] && continue
        kubeconfig "$d/$c.kubeconfig.tmp" smartnfvo "$c" "$c" default
        "$KUBECTL" --kubeconfig="$d/$c.kubeconfig.tmp" config use-context default >/dev/null
        mv "$d/$c.kubeconfig.tmp" "$d/$c.kubeconfig"
    done
}

# The output: merged into whatever else the file holds.
write_kubeconfig() {
    mkdir -p "$(dirname "$KUBECONFIG_OUT")"
    (umask 077; touch "$KUBECONFIG_OUT")
    kubeconfig "$KUBECONFIG_OUT" smartnfvo smartnfvo-admin admin smartnfvo-admin
    kubeconfig "$KUBECONFIG_OUT" smartnfvo smartnfvo smartnfvo smartnfvo
    if [[ -z $("$KUBECTL" --kubeconfig="$KUBECONFIG_OUT" config current-context 2>/dev/null) ]]; then
        "$KUBECTL" --kubeconfig="$KUBECONFIG_OUT" config use-context smartnfvo >/dev/null
    fi
    chmod 600 "$KUBECONFIG_OUT"
}

# put TEMPLATE DEST: render a file; a changed file makes COMPONENT stale
put() {
    local tpl=$FILES/$1 dest=$2 comp=${3:-} tmp
    tmp=$(mktemp)
    sed -e "s|@STATE@|$STATE_DIR|g" -e "s|@PKI@|$PKI|g" -e "s|@BRIDGE@|$CNI_BRIDGE|g" \
        -e "s|@POD_CIDR@|$POD_CIDR|g" -e "s|@CLUSTER_CIDR@|$CLUSTER_CIDR|g" "$tpl" >"$tmp"
    if cmp -s "$tmp" "$dest"; then rm -f "$tmp"; return 0; fi
    mkdir -p "$(dirname "$dest")"
    [[ ! -e $dest || -z $comp ]] || STALE+=("$comp")
    mv "$tmp" "$dest"; chmod 644 "$dest"
}

STALE=()
make_config() {
    put runc-clamp "$STATE_DIR/bin/runc-clamp" dockerd
    chmod 755 "$STATE_DIR/bin/runc-clamp"
    put cni.conflist "$STATE_DIR/cni/net.d/10-smartnfvo.conflist" kubelet
    put kubelet.yaml "$STATE_DIR/config/kubelet.yaml" kubelet
    put kube-proxy.yaml "$STATE_DIR/config/kube-proxy.yaml" kube-proxy
    mkdir -p "$STATE_DIR/cni/networks" "$STATE_DIR/cni/cache" /run/smartnfvo-k8s "$DOCKER_ROOT"
    ((${#STALE[@]} == 0)) || echo "         changed configuration: ${STALE[*]}"
}

# ------------------------------------------------------------------- up

kc_admin() { "$KUBECTL" --kubeconfig="$STATE_DIR/kubeconfig/admin.kubeconfig" "$@"; }

ensure_build() {
    build_lock
    if ! build_done; then
        apt_install "${BUILD_PACKAGES[@]}"
        deb_src
        build_binaries
    fi
    build_images
    echo "         kubernetes $(cat "$CACHE/complete") from $BIN"
}

prepare_host() {
    check_hostname
    save_host
    make_pki
    make_kubeconfigs
    make_config
}

apply_cluster() {
    local out
    out=$(kc_admin apply -f "$FILES/cluster/") || { echo "$out" >&2; die "kubectl apply of cluster/ failed"; }
    grep -v ' unchanged$' <<<"$out" | sed 's/^/         /' || true
}

# wait_for TIMEOUT DESCRIPTION COMMAND...: until COMMAND succeeds
wait_for() { # (DESCRIPTION documents the call site)
    local deadline=$((SECONDS + $1)); shift 2
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || return 1
        sleep 0.5
    done
}

node_ready() { # [SINCE epoch]: Ready, reported by a kubelet started at SINCE or later
    local out status beat
    out=$(kc_admin get node "$NODE" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status} {.status.conditions[?(@.type=="Ready")].lastHeartbeatTime}' 2>/dev/null) || return 1
    read -r status beat <<<"$out"
    [[ $status == True ]] || return 1
    [[ -z ${1:-} ]] || (( $(date -d "$beat" +%s) >= $1 ))
}

wait_node() {
    local since
    read -r _ _ since <"$RUN_DIR/kubelet.pid"
    if ! wait_for 180 "node Ready" node_ready "$since"; then
        kc_admin describe node "$NODE" 2>&1 | tail -n 30 >&2 || true
        log_tail "$LOG_DIR/kubelet.log"
        die "node $NODE not Ready within 180 s (log: $LOG_DIR/kubelet.log)"
    fi
}

# Pods need their namespace's service account, made by the controller manager.
wait_service_account() {
    wait_for 120 "default service account" kc_admin -n default get serviceaccount default ||
        { log_tail "$LOG_DIR/kube-controller-manager.log"; die "no default service account within 120 s"; }
}

cmd_up() {
    [[ $(id -u) == 0 ]] || die "must run as root"
    mkdir -p "$LOG_DIR" "$RUN_DIR"
    trap 'on_err $LINENO' ERR
    say "SmartNFVO test Kubernetes: up (logs in $LOG_DIR)"
    step "packages" apt_install "${RUN_PACKAGES[@]}"
    set_cache prepare
    step "binaries and image root file systems (cached in $CACHE)" ensure_build
    step "host name, sysctls recorded, certificates, kubeconfigs, configuration" prepare_host
    step "etcd" run etcd
    step "dockerd (no host networking)" run dockerd
    step "images imported" import_images
    step "kube-apiserver" run kube-apiserver
    step "RBAC for the tenant user, NetworkAttachmentDefinition CRD" apply_cluster
    step "kube-controller-manager, kube-scheduler" run kube-controller-manager kube-scheduler
    step "kubelet" run kubelet
    step "node $NODE Ready" wait_node
    step "kube-proxy" run kube-proxy
    step "default service account" wait_service_account
    step "kubeconfig (contexts smartnfvo-admin, smartnfvo)" write_kubeconfig
    say "cluster is up: Kubernetes $(cat "$CACHE/complete") on https://127.0.0.1:$API_PORT; $(total_rss) MB RSS"
    echo "$KUBECONFIG_OUT"
}

# ----------------------------------------------------------------- down

# Pod containers go with the node: without the kubelet nothing would stop them.
remove_pods() {
    comp_pid dockerd >/dev/null || return 0
    local ids
    ids=$(dk ps -aq --filter label=io.kubernetes.docker.type 2>/dev/null || true)
    # shellcheck disable=SC2086
    [[ -z $ids ]] || dk rm -f $ids >/dev/null
    echo "         removed $(wc -w <<<"$ids") pod containers"
}

# Processes of ours that outlived their session (containerd shims).
leftover_pids() {
    ps -eo pid=,args= | awk -v me=$$ '$1 != me' |
        grep -F -e /run/smartnfvo-k8s -e "$STATE_DIR/" -e "$CACHE_ROOT/" |
        grep -v -e 'kubernetes\.sh' -e 'grep -F' | awk '{print $1}' || true
}

stop_all() {
    halt kube-proxy kubelet kube-scheduler kube-controller-manager kube-apiserver
    remove_pods
    halt dockerd
    local left
    left=$(leftover_pids)
    # shellcheck disable=SC2086
    if [[ -n $left ]]; then kill -KILL $left 2>/dev/null || true; fi
    halt etcd
}

# iptables rules and chains of kubelet, kube-proxy and the CNI plugins (KUBE-*,
# CNI-*), in iptables and ip6tables: nothing else is touched.
our_chains() { # IPT TABLE: our chains' names
    "$1" -w -t "$2" -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^(KUBE-|CNI-)/ {print $2}'
}

clean_chains() {
    local ipt table rule chain n=0
    for ipt in iptables ip6tables; do
        for table in filter nat mangle raw; do
            # jumps into our chains from the others
            while IFS= read -r rule; do
                local args
                eval "args=($rule)"
                "$ipt" -w -t "$table" -D "${args[@]:1}" && n=$((n + 1))
            done < <("$ipt" -w -t "$table" -S 2>/dev/null |
                     awk '$1 == "-A" && $2 !~ /^(KUBE-|CNI-)/ && / -j (KUBE-|CNI-)/')
            for chain in $(our_chains "$ipt" "$table"); do "$ipt" -w -t "$table" -F "$chain"; done
            for chain in $(our_chains "$ipt" "$table"); do "$ipt" -w -t "$table" -X "$chain" && n=$((n + 1)); done
        done
    done
    echo "         $n rules and chains removed"
}

our_links() { # the CNI bridge and veths attached to it
    ip -o link show 2>/dev/null | awk -F': ' -v br="$CNI_BRIDGE" '
        { name = $2; sub(/@.*/, "", name) }
        name == br || $0 ~ (" master " br " ") { print name }'
}

clean_links() {
    local l
    for l in $(our_links); do ip link del "$l" 2>/dev/null || true; done
}

our_mounts() { # mount points under the kubelet's, dockerd's and our run dirs, deepest first
    awk -v a="$KUBELET_ROOT/" -v b="$DOCKER_ROOT/" -v c=/run/smartnfvo-k8s/ -v d=/var/lib/dockershim/ \
        'index($2 "/", a) == 1 || index($2 "/", b) == 1 || index($2 "/", c) == 1 || index($2 "/", d) == 1 {print $2}' \
        /proc/self/mounts | sort -r
}

clean_mounts() {
    local m
    for m in $(our_mounts); do umount -l "$m" 2>/dev/null || true; done
    [[ -z $(our_mounts) ]] || die "mounts left: $(our_mounts | paste -sd' ')"
    rm -rf "$KUBELET_ROOT" /var/lib/dockershim /run/smartnfvo-k8s "$STATE_DIR/cni/networks" \
        "$STATE_DIR/cni/cache"
}

# cgroups the kubelet and dockerd made (cgroupfs driver), deepest first
clean_cgroups() {
    local d
    for d in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods /sys/fs/cgroup/*/docker; do
        [[ -d $d ]] || continue
        find "$d" -depth -type d -exec rmdir {} + 2>/dev/null || true
    done
}

network_down() {
    if [[ -x $BIN/kube-proxy ]]; then "$BIN/kube-proxy" --cleanup >>"$LOG_DIR/kube-proxy.log" 2>&1 || true; fi
    clean_chains
    local fam name
    while read -r fam name; do
        [[ -z $fam ]] || nft delete table "$fam" "$name"
    done < <(new_empty_tables)
    clean_links
}

cmd_down() {
    [[ $(id -u) == 0 ]] || die "must run as root"
    mkdir -p "$LOG_DIR" "$RUN_DIR"
    set_cache || true
    say "SmartNFVO test Kubernetes: down"
    step "components stopped, pod containers removed" stop_all
    step "iptables chains, bridge $CNI_BRIDGE and veths removed" network_down
    step "mounts, kubelet state, cgroups removed" eval 'clean_mounts; clean_cgroups'
    step "host settings restored" restore_host
    if check_down >/dev/null; then
        say "nothing of the cluster is left"
    else
        check_down >&2 || true
        die "something of the cluster is left (see above)"
    fi
}

# Exit 0 when nothing of the cluster remains: processes, iptables chains,
# links, mounts, and the sysctls have their values from before up.
check_down() {
    local found=0 name pid ipt table k v cur
    for name in "${COMPONENTS[@]}"; do
        if pid=$(comp_pid "$name"); then echo "running: $name pid $pid"; found=1; fi
    done
    for pid in $(leftover_pids); do echo "process left: $(ps -o pid=,args= -p "$pid" | cut -c1-150)"; found=1; done
    for ipt in iptables ip6tables; do
        for table in filter nat mangle raw; do
            for name in $(our_chains "$ipt" "$table"); do echo "chain left: $ipt -t $table $name"; found=1; done
        done
    done
    for name in $(our_links); do echo "link left: $name"; found=1; done
    while read -r ipt table; do
        [[ -z $ipt ]] || { echo "nft table left: $ipt $table"; found=1; }
    done < <(new_empty_tables)
    for name in $(our_mounts); do echo "mount left: $name"; found=1; done
    if [[ -s $SAVED ]]; then
        echo "sysctls not restored yet ($SAVED exists)"; found=1
    elif [[ -s $RESTORED ]]; then
        while read -r k v; do
            cur=$(sysctl_get "$k")
            [[ $v == - || $cur == "$v" ]] || { echo "sysctl $k = $cur, was $v before up"; found=1; }
        done <"$RESTORED"
    fi
    ((found == 0)) || return 1
    echo "nothing of the cluster is left"
}

# --------------------------------------------------------------- status

comp_rss_mb() { # PID: RSS of its session, MB
    local pids
    pids=$(session_pids "$1" | paste -sd,)
    ps -o rss= -p "$pids" 2>/dev/null | awk '{t += $1} END {printf "%d", t / 1024}'
}

total_rss() {
    local name pid t=0
    for name in "${COMPONENTS[@]}"; do
        pid=$(comp_pid "$name") || continue
        t=$((t + $(comp_rss_mb "$pid")))
    done
    echo "$t"
}

cmd_status() {
    local name pid running=0
    set_cache 2>/dev/null || true
    printf '%-24s %-8s %8s %8s  %s\n' COMPONENT STATE PID RSS_MB LOG
    for name in "${COMPONENTS[@]}"; do
        if pid=$(comp_pid "$name"); then
            printf '%-24s %-8s %8s %8s  %s\n' "$name" running "$pid" "$(comp_rss_mb "$pid")" "$LOG_DIR/$name.log"
            running=$((running + 1))
        else
            printf '%-24s %-8s %8s %8s  %s\n' "$name" stopped - - "$LOG_DIR/$name.log"
        fi
    done
    if comp_pid kube-apiserver >/dev/null && [[ -x ${KUBECTL:-} ]]; then
        printf 'node %s: Ready=%s; pods: %s\n' "$NODE" \
            "$(kc_admin get node "$NODE" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null || echo unknown)" \
            "$(kc_admin get pods -A --no-headers 2>/dev/null | wc -l)"
    fi
    echo "$running of ${#COMPONENTS[@]} components running; kubeconfig $KUBECONFIG_OUT; state $STATE_DIR; cache ${CACHE:-$CACHE_ROOT}"
    ((running == ${#COMPONENTS[@]})) && return 0
    ((running == 0)) && return 3
    return 1
}

# ------------------------------------------------- fault injection, main

cmd_start() {
    local name=$1 t=${EPOCHREALTIME/./}
    comp_def "$name"
    mkdir -p "$LOG_DIR" "$RUN_DIR"
    run "$name" >/dev/null
    [[ $name != kubelet ]] || wait_node
    say "$name running (pid $(comp_pid "$name"), $(elapsed "$t")s)"
}

cmd_stop() {
    comp_def "$1"
    halt "$1"
    say "$1 stopped"
}

main() {
    local cmd=${1:-}
    case $cmd in
    build) cmd_build "${@:2}" ;;
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    check-down) set_cache || true; check_down ;;
    start|stop|restart)
        [[ $# == 2 ]] || die "usage: $0 $cmd COMPONENT (one of: ${COMPONENTS[*]})"
        [[ $(id -u) == 0 ]] || die "must run as root"
        set_cache || die "no Kubernetes build in $CACHE_ROOT: run $0 build"
        case $cmd in
        start) cmd_start "$2" ;;
        stop) cmd_stop "$2" ;;
        restart) cmd_stop "$2"; cmd_start "$2" ;;
        esac ;;
    components) printf '%s\n' "${COMPONENTS[@]}" ;;
    kubectl) set_cache || die "no Kubernetes build in $CACHE_ROOT: run $0 build"; exec "$KUBECTL" --kubeconfig="$KUBECONFIG_OUT" "${@:2}" ;;
    *) echo "usage: $0 build [--background]|up|down|status|start COMPONENT|stop COMPONENT|restart COMPONENT|components|check-down|kubectl ARGS..." >&2
       exit 2 ;;
    esac
}

main "$@"
