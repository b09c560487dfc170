#!/usr/bin/env bash
# SmartNFVO test cloud: a single-host OpenStack (Debian 12 packages, Zed)
# with a fake hypervisor, everything listening on 127.0.0.1 only.
#
#   openstack.sh up                 install (first time), configure, start, seed
#   openstack.sh down               stop everything this script started
#   openstack.sh status             per service: running/stopped, pid, memory
#   openstack.sh stop|start|restart SERVICE   fault injection
#   openstack.sh services           list service names
#
# Runs as root on a machine without systemd.  See tests/cloud/README.md.
set -euo pipefail
# No job control: background children stay in our process group, so the
# setsid below never forks and $! is the daemon's own pid.
set +m
# ERR trap also inside functions (reports the failing step).
set -E

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STATE_DIR=${SMARTNFVO_CLOUD_STATE:-/var/lib/smartnfvo-cloud}
RUN_DIR=$STATE_DIR/run
LOG_DIR=${SMARTNFVO_CLOUD_LOGS:-/var/log/smartnfvo-cloud}
CLOUDS_YAML=${SMARTNFVO_CLOUDS_YAML:-/etc/openstack/clouds.yaml}
DEBUG=${SMARTNFVO_CLOUD_DEBUG:-false}
CLOUD_HOST=smartnfvo-node            # nova host == neutron agent host
PHYS_IF=snfvo-phys0                  # veth pair standing in for a NIC
PHYS_PEER=snfvo-phys1
PY=/usr/bin/python3                  # Debian's python, never a venv/pyenv one
# Debian's tools first, whatever the caller's PATH (e.g. pyenv shims).
export PATH=/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/local/bin
export LC_ALL=C.UTF-8

# Start order; `down` stops in reverse (OpenStack first, then RabbitMQ,
# or neutron hangs on shutdown).
SERVICES=(mariadb epmd rabbitmq keystone placement glance-api
          nova-api nova-conductor nova-scheduler nova-compute
          neutron-server neutron-linuxbridge-agent
          cinder-api cinder-scheduler cinder-volume heat-api heat-engine)
INFRA=(mariadb epmd rabbitmq)

PACKAGES=(mariadb-server rabbitmq-server keystone placement-api glance-api
          nova-api nova-conductor nova-scheduler nova-common python3-nova
          neutron-server neutron-linuxbridge-agent python3-pymysql
          heat-api heat-engine cinder-api cinder-scheduler cinder-volume
          uwsgi-core uwsgi-plugin-python3 python3-openstackclient python3-yaml
          bridge-utils iproute2 ebtables iptables curl procps qemu-utils)

# shellcheck source=tests/cloud/lib.sh
. "$HERE/lib.sh"    # say, die, on_err, step, log_tail

# -------------------------------------------------------- service table

# svc_def NAME: sets RUN_AS (user), CMD (argv), PORT (on 127.0.0.1, or "")
# and URL (readiness check, or "").
svc_def() {
    PORT="" URL=""
    case $1 in
    mariadb)   RUN_AS=root PORT=3306
               CMD=(/usr/sbin/mariadbd --user=mysql
                    --socket=/run/mysqld/mysqld.sock
                    --pid-file=/run/mysqld/mysqld.pid) ;;
    epmd)      RUN_AS=rabbitmq PORT=4369
               CMD=(env ERL_EPMD_ADDRESS=127.0.0.1 /usr/bin/epmd
                    -address 127.0.0.1) ;;
    rabbitmq)  RUN_AS=rabbitmq PORT=5672
               CMD=(env HOME=/var/lib/rabbitmq ERL_EPMD_ADDRESS=127.0.0.1
                    /usr/lib/rabbitmq/bin/rabbitmq-server) ;;
    keystone)  RUN_AS=keystone PORT=5000;  uwsgi_cmd keystone ;;
    placement) RUN_AS=placement PORT=8778; uwsgi_cmd placement ;;
    nova-api)  RUN_AS=nova PORT=8774;      uwsgi_cmd nova-api ;;
    cinder-api) RUN_AS=cinder PORT=8776;   uwsgi_cmd cinder-api ;;
    heat-api)  RUN_AS=heat PORT=8004;      uwsgi_cmd heat-api ;;
    glance-api) RUN_AS=glance PORT=9292
               CMD=(/usr/bin/glance-api --config-file /etc/glance/glance-api.conf) ;;
    nova-conductor|nova-scheduler)
               RUN_AS=nova; CMD=(/usr/bin/"$1" --config-file /etc/nova/nova.conf) ;;
    nova-compute)
               # nova-compute's package would pull in libvirt; python3-nova
               # has the entry point, so start it directly.
               RUN_AS=nova
               CMD=("$PY" -c 'import sys; sys.argv[0] = "nova-compute"; from nova.cmd.compute import main; sys.exit(main())'
                    --config-file /etc/nova/nova.conf) ;;
    neutron-server)
               RUN_AS=neutron PORT=9696
               CMD=(/usr/bin/neutron-server --config-file /etc/neutron/neutron.conf
                    --config-file /etc/neutron/plugins/ml2/ml2_conf.ini) ;;
    neutron-linuxbridge-agent)
               # root, without sudo: sudo would move helpers out of our session
               RUN_AS=root
               CMD=(/usr/bin/neutron-linuxbridge-agent
                    --config-file /etc/neutron/neutron.conf
                    --config-file /etc/neutron/plugins/ml2/linuxbridge_agent.ini) ;;
    cinder-scheduler|cinder-volume)
               RUN_AS=cinder; CMD=(/usr/bin/"$1" --config-file /etc/cinder/cinder.conf) ;;
    heat-engine) RUN_AS=heat; CMD=(/usr/bin/heat-engine --config-file /etc/heat/heat.conf) ;;
    *) die "unknown service '$1' (known: ${SERVICES[*]})" ;;
    esac
    case $1 in
    mariadb|epmd|rabbitmq) ;;
    keystone) URL=http://127.0.0.1:$PORT/v3 ;;
    *) [[ -z $PORT ]] || URL=http://127.0.0.1:$PORT/ ;;
    esac
}

uwsgi_cmd() { CMD=(/usr/bin/uwsgi --ini "$STATE_DIR/uwsgi/$1.ini"); }

# Services without a port: they count as up once they report to their API
# (see cloud_setup.py wait).
REPORTING=(nova-compute nova-conductor nova-scheduler neutron-linuxbridge-agent
           cinder-volume cinder-scheduler heat-engine)

# api_wait TIMEOUT SERVICE...: wait until the services have reported up
# since they were started, so that stale records of an earlier run do not
# count.
api_wait() {
    local timeout=$1 name args=(); shift
    for name in "$@"; do
        [[ " ${REPORTING[*]} " == *" $name "* ]] || continue
        args+=("$name=$(svc_started "$name")")
    done
    ((${#args[@]})) || return 0
    if ! helper wait "$timeout" "${args[@]}"; then
        for name in "$@"; do log_tail "$LOG_DIR/$name.log" 25; done
        die "service(s) did not report up: $* (logs in $LOG_DIR)"
    fi
}

# -------------------------------------------------------- process control

start_time() { # process start time (clock ticks) from /proc/PID/stat
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    local fields
    read -r -a fields <<<"${stat##*) }"   # drop "pid (comm) "
    echo "${fields[19]}"
}

# svc_pid NAME: prints the pid if the service we started still runs.
svc_pid() {
    local f=$RUN_DIR/$1.pid pid st
    [[ -s $f ]] || return 1
    read -r pid st _ <"$f"
    [[ $(start_time "$pid" 2>/dev/null) == "$st" ]] || return 1
    echo "$pid"
}

svc_started() { # epoch seconds when the service was started (0: unknown)
    local pid st epoch
    read -r pid st epoch <"$RUN_DIR/$1.pid" 2>/dev/null || true
    echo "${epoch:-0}"
}

is_alive() { # running and not a zombie
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat:0:1} != Z ]]
}

# Processes of a service: its session (setsid made the daemon its leader)
# plus all descendants, since some children (Erlang's helpers) make their
# own sessions.
service_pids() {
    ps -eo pid=,ppid=,sid= | awk -v root="$1" '
        { parent[$1] = $2; sid[$1] = $3 }
        END {
            for (p in parent) {
                q = p
                while (q > 1 && q != root) q = parent[q]
                if (q == root || sid[p] == root) print p
            }
        }'
}

svc_rss_mb() { # memory (RSS) of a service's processes, MB
    local pids
    pids=$(service_pids "$1" | paste -sd,)
    ps -o rss= -p "$pids" | awk '{ t += $1 } END { printf "%d", t / 1024 }'
}

start_daemon() {
    local name=$1 log=$LOG_DIR/$1.log pid
    svc_def "$name"
    printf '===== %s starting %s\n' "$(date -Is)" "$name" >>"$log"
    (
        # Close inherited descriptors (e.g. a CI pipe) so nobody waits on us.
        for fd in "/proc/$BASHPID/fd/"*; do
            fd=${fd##*/}
            if ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi
        done
        cd /
        if [[ $RUN_AS == root ]]; then
            exec setsid "${CMD[@]}"
        else
            exec setsid setpriv --reuid="$RUN_AS" --regid="$RUN_AS" \
                --init-groups -- env HOME="$(getent passwd "$RUN_AS" | cut -d: -f6)" \
                USER="$RUN_AS" "${CMD[@]}"
        fi
    ) </dev/null >>"$log" 2>&1 &
    pid=$!
    # pid, its start time (against pid reuse), wall clock start
    echo "$pid $(start_time "$pid") $(date +%s)" >"$RUN_DIR/$name.pid"
}

svc_ready() { # 0 when the service answers
    local name=$1 code
    svc_def "$name"
    case $name in
    mariadb)  mysqladmin --socket=/run/mysqld/mysqld.sock ping >/dev/null 2>&1 ;;
    epmd|rabbitmq) port_open "$PORT" ;;
    *)  if [[ -n $URL ]]; then
            code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$URL" || true)
            [[ $code =~ ^[23] ]]
        else
            # daemons without a port: alive for a few seconds is "started";
            # the API-level waits check they really work.
            local pid; pid=$(svc_pid "$name") || return 1
            (( $(ps -o etimes= -p "$pid") >= 3 ))
        fi ;;
    esac
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_owner() { ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'users:.*' | head -1; }

wait_ready() { # NAME TIMEOUT
    local name=$1 deadline=$((SECONDS + $2))
    until svc_ready "$name" && svc_pid "$name" >/dev/null; do
        if ! svc_pid "$name" >/dev/null; then
            log_tail "$LOG_DIR/$name.log"
            die "$name exited during start-up (log: $LOG_DIR/$name.log)"
        fi
        if ((SECONDS >= deadline)); then
            log_tail "$LOG_DIR/$name.log"
            die "$name did not come up within $2 s (log: $LOG_DIR/$name.log)"
        fi
        sleep 0.5
    done
}

# start_services NAME...: start those not running, then wait for all.
start_services() {
    local name started=()
    for name in "$@"; do
        svc_pid "$name" >/dev/null && continue
        svc_def "$name"
        # Something we did not start (or whose pid file is lost) holds the
        # port: starting a second copy would only hide it.
        if [[ -n $PORT ]] && port_open "$PORT"; then
            die "cannot start $name: 127.0.0.1:$PORT is already in use ($(port_owner "$PORT")); not started by this script, or its pid file in $RUN_DIR is lost"
        fi
        start_daemon "$name"
        started+=("$name")
    done
    for name in "$@"; do wait_ready "$name" 240; done
    ((${#started[@]} == 0)) || printf '         started: %s\n' "${started[*]}"
}

# stop_services NAME...: TERM the daemons, KILL what is left after 30 s.
stop_services() {
    local name pid procs pids=() alive p deadline
    for name in "$@"; do
        pid=$(svc_pid "$name") || { rm -f "$RUN_DIR/$name.pid"; continue; }
        mapfile -t procs < <(service_pids "$pid")
        # TERM the daemon's process group; the rest should follow it, and
        # gets KILLed below if it does not.
        kill -TERM -- -"$pid" 2>/dev/null || true
        pids+=("${procs[@]}")
    done
    deadline=$((SECONDS + 30))
    while ((${#pids[@]})); do
        alive=()
        for p in "${pids[@]}"; do
            if is_alive "$p"; then alive+=("$p"); fi
        done
        pids=("${alive[@]+"${alive[@]}"}")
        ((${#pids[@]})) || break
        if ((SECONDS >= deadline)); then
            echo "         still running after 30 s, killing: ${pids[*]}" >&2
            kill -KILL "${pids[@]}" 2>/dev/null || true
            sleep 0.5
            break
        fi
        sleep 0.3
    done
    for name in "$@"; do rm -f "$RUN_DIR/$name.pid"; done
}

# ------------------------------------------------------------ up: steps

install_packages() {
    local missing=() p
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
            missing+=("$p")
    done
    if ((${#missing[@]} == 0)); then
        echo "         packages already installed"
        return 0
    fi
    # Skip the packages' own database and endpoint setup: we do it below.
    local q pkgs=(keystone glance nova novaapi neutron heat cinder placement)
    for p in "${pkgs[@]}"; do
        for q in configure_db configure_rabbit configure_ksat \
                 configure_api-endpoint dbconfig-install; do
            echo "$p $p/$q boolean false"
        done
    done | debconf-set-selections
    debconf-set-selections <<'EOF'
keystone keystone/create-admin-tenant boolean false
keystone keystone/register-endpoint boolean false
heat-common heat/configure_with_debconf boolean false
nova-common nova/configure_neutron boolean false
nova-common nova/configure_placement boolean false
neutron-common neutron/configure_nova boolean false
EOF
    # Packages must not start their daemons (there is no init system).
    local policy=/usr/sbin/policy-rc.d backup=""
    if [[ -e $policy ]]; then backup=$(mktemp); cp -p "$policy" "$backup"; fi
    printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod 755 "$policy"
    local rc=0
    {
        apt-get update -q &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
            --no-install-recommends -o Dpkg::Options::=--force-confdef \
            -o Dpkg::Options::=--force-confold "${PACKAGES[@]}"
    } </dev/null >>"$LOG_DIR/install.log" 2>&1 || rc=$?
    if [[ -n $backup ]]; then cp -p "$backup" "$policy"; rm -f "$backup"; else rm -f "$policy"; fi
    if ((rc)); then
        log_tail "$LOG_DIR/install.log"
        die "package installation failed (log: $LOG_DIR/install.log)"
    fi
    echo "         installed: ${missing[*]}"
}

load_secrets() {
    local f=$STATE_DIR/secrets.env v
    if [[ ! -s $f ]]; then
        (
            umask 077
            for v in ADMIN_PASS DEMO_PASS SERVICE_PASS DB_PASS RABBIT_PASS; do
                echo "$v=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
            done >"$f"
        )
    fi
    # shellcheck disable=SC1090
    source "$f"
    export ADMIN_PASS DEMO_PASS SERVICE_PASS DB_PASS RABBIT_PASS
}

# render TEMPLATE DEST GROUP [sed expressions...]: write DEST if it changed
# (then CHANGED=true).
render() {
    local tpl=$HERE/templates/$1 dest=$2 group=$3 tmp; shift 3
    CHANGED=false
    tmp=$(mktemp)
    sed -e "s|@DB_PASS@|$DB_PASS|g" -e "s|@SERVICE_PASS@|$SERVICE_PASS|g" \
        -e "s|@RABBIT_PASS@|$RABBIT_PASS|g" -e "s|@HOST@|$CLOUD_HOST|g" \
        -e "s|@DEBUG@|$DEBUG|g" -e "s|@PHYS_IF@|$PHYS_IF|g" "$@" "$tpl" >"$tmp"
    if ! cmp -s "$tmp" "$dest"; then
        # Keep the package's original once, for reference.
        if [[ -f $dest && ! -e $dest.orig-smartnfvo ]] &&
            ! grep -q 'Generated by tests/cloud/openstack.sh' "$dest"; then
            cp -p "$dest" "$dest.orig-smartnfvo"
        fi
        mkdir -p "$(dirname "$dest")"
        install -m 0640 -o root -g "$group" "$tmp" "$dest"
        CHANGED=true
    fi
    chown "root:$group" "$dest"
    chmod 0640 "$dest"
    rm -f "$tmp"
}

stale() { # SERVICE...: after render, remember running services to restart
    local name
    $CHANGED || return 0
    for name in "$@"; do
        if svc_pid "$name" >/dev/null; then STALE+=("$name"); fi
    done
}

restart_stale() {
    ((${#STALE[@]})) || return 0
    local unique
    mapfile -t unique < <(printf '%s\n' "${STALE[@]}" | sort -u)
    echo "         configuration changed, stopping: ${unique[*]}"
    stop_services "${unique[@]}"
}

uwsgi_ini() { # NAME USER PORT WSGI_FILE PROCESSES
    local noreq=true
    [[ $DEBUG == true ]] && noreq=false
    render uwsgi.ini "$STATE_DIR/uwsgi/$1.ini" "$2" -e "s|@NAME@|$1|g" \
        -e "s|@USER@|$2|g" -e "s|@PORT@|$3|g" -e "s|@WSGI@|$4|g" \
        -e "s|@PROCESSES@|$5|g" -e "s|@NO_REQ_LOG@|$noreq|g"
}

prepare_host() {
    mkdir -p "$RUN_DIR" "$LOG_DIR" "$STATE_DIR/uwsgi" "$STATE_DIR/dbsync"
    chmod 755 "$STATE_DIR" "$STATE_DIR/uwsgi"
    load_secrets
    local svc
    for svc in keystone placement glance nova neutron cinder heat; do
        install -d -o "$svc" -g "$svc" "/var/lib/$svc" "/var/lib/$svc/tmp"
    done
    install -d -o mysql -g mysql /run/mysqld
    install -d -o nova -g nova /var/lib/nova/instances
    install -d -o glance -g glance /var/lib/glance/images /var/lib/glance/image-cache

    # Running services whose configuration changes get restarted by `up`.
    STALE=()
    render mariadb.cnf /etc/mysql/mariadb.conf.d/90-smartnfvo.cnf root
    chmod 644 /etc/mysql/mariadb.conf.d/90-smartnfvo.cnf
    stale mariadb
    render rabbitmq-env.conf /etc/rabbitmq/rabbitmq-env.conf rabbitmq; stale rabbitmq
    render rabbitmq.conf /etc/rabbitmq/rabbitmq.conf rabbitmq; stale rabbitmq
    render keystone.conf /etc/keystone/keystone.conf keystone; stale keystone
    render placement.conf /etc/placement/placement.conf placement; stale placement
    render glance-api.conf /etc/glance/glance-api.conf glance; stale glance-api
    render nova.conf /etc/nova/nova.conf nova
    stale nova-api nova-conductor nova-scheduler nova-compute
    render neutron.conf /etc/neutron/neutron.conf neutron
    stale neutron-server neutron-linuxbridge-agent
    render ml2_conf.ini /etc/neutron/plugins/ml2/ml2_conf.ini neutron
    stale neutron-server
    render linuxbridge_agent.ini /etc/neutron/plugins/ml2/linuxbridge_agent.ini neutron
    stale neutron-linuxbridge-agent
    render cinder.conf /etc/cinder/cinder.conf cinder
    stale cinder-api cinder-scheduler cinder-volume
    render heat.conf /etc/heat/heat.conf heat; stale heat-api heat-engine
    uwsgi_ini keystone keystone 5000 /usr/bin/keystone-wsgi-public 2; stale keystone
    uwsgi_ini placement placement 8778 /usr/bin/placement-api 1; stale placement
    uwsgi_ini nova-api nova 8774 /usr/bin/nova-api-wsgi 2; stale nova-api
    uwsgi_ini cinder-api cinder 8776 /usr/bin/cinder-wsgi 1; stale cinder-api
    uwsgi_ini heat-api heat 8004 /usr/bin/heat-wsgi-api 1; stale heat-api
    chmod 644 "$STATE_DIR"/uwsgi/*.ini

    # The flat "physical" network: a veth pair (dummy links are unavailable).
    if ! ip link show "$PHYS_IF" >/dev/null 2>&1; then
        ip link add "$PHYS_IF" type veth peer name "$PHYS_PEER"
    fi
    ip link set "$PHYS_IF" up
    ip link set "$PHYS_PEER" up

    # A tiny, valid qcow2 test image (nothing can be downloaded here).
    IMAGE_FILE=$STATE_DIR/smartnfvo-image.qcow2 IMAGE_FORMAT=qcow2
    if [[ ! -s $IMAGE_FILE ]]; then
        qemu-img create -q -f qcow2 "$IMAGE_FILE" 64M
    fi
    export IMAGE_FILE IMAGE_FORMAT
}

db_users() {
    local db user sql=""
    for db in keystone placement glance nova nova_api nova_cell0 neutron cinder heat; do
        user=${db%%_*}
        sql+="CREATE DATABASE IF NOT EXISTS $db;
CREATE USER IF NOT EXISTS '$user'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
ALTER USER '$user'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
GRANT ALL PRIVILEGES ON $db.* TO '$user'@'127.0.0.1';
"
    done
    mysql --socket=/run/mysqld/mysqld.sock -uroot <<<"$sql"
}

rabbit_user() {
    if rabbitmqctl -q authenticate_user openstack "$RABBIT_PASS" >/dev/null 2>&1; then
        return 0
    fi
    rabbitmqctl -q add_user openstack "$RABBIT_PASS" >/dev/null 2>&1 ||
        rabbitmqctl -q change_password openstack "$RABBIT_PASS" >/dev/null
    rabbitmqctl -q set_permissions -p / openstack '.*' '.*' '.*' >/dev/null
}

as_user() { # USER CMD...: run a management command as a service user
    local user=$1; shift
    setpriv --reuid="$user" --regid="$user" --init-groups -- "$@"
}

db_tables() { # number of tables in a database
    mysql --socket=/run/mysqld/mysqld.sock -uroot -N -e \
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='$1'"
}

# A schema is synced once per package version (db syncs are slow).
sync_needed() { # NAME PACKAGE DATABASE
    local marker=$STATE_DIR/dbsync/$1 version
    version=$(dpkg-query -W -f='${Version}' "$2")
    [[ $(cat "$marker" 2>/dev/null) != "$version" || $(db_tables "$3") == 0 ]]
}
sync_done() { dpkg-query -W -f='${Version}' "$2" >"$STATE_DIR/dbsync/$1"; }

sync_keystone() {
    if sync_needed keystone keystone keystone; then
        as_user keystone keystone-manage db_sync
        sync_done keystone keystone
    fi
    # Key repositories are made once; running these again would be slow only.
    [[ -s /etc/keystone/fernet-keys/0 ]] ||
        keystone-manage fernet_setup --keystone-user keystone --keystone-group keystone
    [[ -s /etc/keystone/credential-keys/0 ]] ||
        keystone-manage credential_setup --keystone-user keystone --keystone-group keystone
    as_user keystone keystone-manage bootstrap --bootstrap-password "$ADMIN_PASS" \
        --bootstrap-username admin --bootstrap-project-name admin \
        --bootstrap-role-name admin --bootstrap-service-name keystone \
        --bootstrap-admin-url http://127.0.0.1:5000/v3/ \
        --bootstrap-internal-url http://127.0.0.1:5000/v3/ \
        --bootstrap-public-url http://127.0.0.1:5000/v3/ \
        --bootstrap-region-id RegionOne
}
sync_placement() {
    sync_needed placement placement-common placement || return 0
    as_user placement placement-manage db sync
    sync_done placement placement-common
}
sync_glance() {
    sync_needed glance glance-common glance || return 0
    as_user glance glance-manage db_sync
    sync_done glance glance-common
}
sync_nova() {
    sync_needed nova nova-common nova || return 0
    as_user nova nova-manage api_db sync
    as_user nova nova-manage cell_v2 map_cell0 --database_connection \
        "mysql+pymysql://nova:$DB_PASS@127.0.0.1/nova_cell0"
    if ! as_user nova nova-manage cell_v2 list_cells | grep -q ' cell1 '; then
        as_user nova nova-manage cell_v2 create_cell --name=cell1
    fi
    as_user nova nova-manage db sync
    sync_done nova nova-common
}
sync_neutron() {
    sync_needed neutron neutron-common neutron || return 0
    as_user neutron neutron-db-manage --config-file /etc/neutron/neutron.conf \
        --config-file /etc/neutron/plugins/ml2/ml2_conf.ini upgrade heads
    sync_done neutron neutron-common
}
sync_cinder() {
    sync_needed cinder cinder-common cinder || return 0
    as_user cinder cinder-manage db sync
    sync_done cinder cinder-common
}
sync_heat() {
    sync_needed heat heat-common heat || return 0
    as_user heat heat-manage db_sync
    sync_done heat heat-common
}

# All schemas in parallel: each sync is mostly python start-up time.
sync_databases() {
    local svc pids=() failed=()
    for svc in keystone placement glance nova neutron cinder heat; do
        ( set -e; "sync_$svc" ) </dev/null >"$LOG_DIR/dbsync-$svc.log" 2>&1 &
        pids+=("$!:$svc")
    done
    for p in "${pids[@]}"; do
        wait "${p%%:*}" || failed+=("${p#*:}")
    done
    for svc in "${failed[@]+"${failed[@]}"}"; do
        log_tail "$LOG_DIR/dbsync-$svc.log" 20
    done
    ((${#failed[@]} == 0)) || die "database setup failed for: ${failed[*]}"
}

helper() { # run cloud_setup.py with the secrets in its environment
    CLOUD_HOST=$CLOUD_HOST CLOUDS_YAML=$CLOUDS_YAML "$PY" "$HERE/cloud_setup.py" "$@"
}

start_infra() {
    start_services "${INFRA[@]}"
}

discover_hosts() {
    local log=$LOG_DIR/nova-manage.log
    api_wait 180 nova-compute
    if ! as_user nova nova-manage cell_v2 discover_hosts --verbose >>"$log" 2>&1; then
        log_tail "$log"
        die "nova-manage cell_v2 discover_hosts failed (log: $log)"
    fi
    helper wait 120 hypervisor
}

wait_openstack_services() {
    api_wait 180 "${REPORTING[@]}"
}

cmd_up() {
    [[ $(id -u) == 0 ]] || die "must run as root"
    mkdir -p "$LOG_DIR" "$RUN_DIR"
    trap 'on_err $LINENO' ERR
    say "SmartNFVO test cloud: up (logs in $LOG_DIR)"
    step "packages" install_packages
    step "configuration, secrets, veth $PHYS_IF, test image" prepare_host
    step "services with changed configuration stopped" restart_stale
    step "mariadb, epmd, rabbitmq running" start_infra
    step "databases and database users" db_users
    step "rabbitmq user" rabbit_user
    step "database schemas (keystone bootstrap included)" sync_databases
    step "keystone running" start_services keystone
    step "keystone users, projects, roles, catalog" helper keystone
    step "openstack services running" start_services placement glance-api \
        nova-api nova-conductor nova-scheduler nova-compute neutron-server \
        neutron-linuxbridge-agent cinder-api cinder-scheduler cinder-volume \
        heat-api heat-engine
    step "nova-compute registered and discovered" discover_hosts
    step "conductor, scheduler, agent, cinder-volume, heat-engine up" wait_openstack_services
    step "flavors, image, clouds.yaml" helper resources
    say "cloud is up: clouds smartnfvo (member) and smartnfvo-admin in $CLOUDS_YAML; $(total_rss) MB RSS"
}

total_rss() {
    local name pid t=0
    for name in "${SERVICES[@]}"; do
        pid=$(svc_pid "$name") || continue
        t=$((t + $(svc_rss_mb "$pid")))
    done
    echo "$t"
}

cmd_down() {
    local openstack=() name
    for name in "${SERVICES[@]}"; do
        [[ " ${INFRA[*]} " == *" $name "* ]] || openstack+=("$name")
    done
    stop_services "${openstack[@]}"
    say "openstack services stopped"
    stop_services rabbitmq
    stop_services epmd mariadb
    say "rabbitmq, epmd, mariadb stopped"
    if ip link show "$PHYS_IF" >/dev/null 2>&1; then ip link del "$PHYS_IF"; fi
    if bash "$HERE/check_down.sh" >/dev/null; then
        say "nothing of the cloud is running"
    else
        bash "$HERE/check_down.sh" >&2 || true
        die "processes of the cloud are still running"
    fi
}

cmd_status() {
    local name pid running=0 total=0
    printf '%-27s %-8s %8s %8s  %s\n' SERVICE STATE PID RSS_MB LOG
    for name in "${SERVICES[@]}"; do
        if pid=$(svc_pid "$name"); then
            printf '%-27s %-8s %8s %8s  %s\n' "$name" running "$pid" \
                "$(svc_rss_mb "$pid")" "$LOG_DIR/$name.log"
            running=$((running + 1))
        else
            printf '%-27s %-8s %8s %8s  %s\n' "$name" stopped - - "$LOG_DIR/$name.log"
        fi
        total=$((total + 1))
    done
    echo "$running of $total services running; state in $STATE_DIR, logs in $LOG_DIR"
    # 0: all running, 3: nothing running (LSB "not running"), 1: partial
    ((running == total)) && return 0
    ((running == 0)) && return 3
    return 1
}

cmd_start() {
    local name=$1 t=${EPOCHREALTIME/./}
    svc_def "$name"
    mkdir -p "$LOG_DIR" "$RUN_DIR"
    load_secrets
    start_services "$name"
    api_wait 180 "$name"
    say "$name running (pid $(svc_pid "$name"), $(elapsed "$t")s)"
}

cmd_stop() {
    svc_def "$1"
    stop_services "$1"
    say "$1 stopped"
}

main() {
    local cmd=${1:-}
    case $cmd in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    start|stop|restart)
        [[ $# == 2 ]] || die "usage: $0 $cmd SERVICE (one of: ${SERVICES[*]})"
        [[ $(id -u) == 0 ]] || die "must run as root"
        case $cmd in
        start) cmd_start "$2" ;;
        stop) cmd_stop "$2" ;;
        restart) cmd_stop "$2"; cmd_start "$2" ;;
        esac ;;
    services) printf '%s\n' "${SERVICES[@]}" ;;
    *) echo "usage: $0 up|down|status|start SERVICE|stop SERVICE|restart SERVICE|services" >&2
       exit 2 ;;
    esac
}

main "$@"
