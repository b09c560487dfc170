# shellcheck shell=bash
# Output helpers shared by tests/cloud/openstack.sh and tests/cloud/kubernetes.sh (sourced, not run):
# one timed progress line per step, errors on stderr, and a log's tail since its last "starting" mark.

T0=${EPOCHREALTIME/./}
STEP=""

elapsed() { # seconds since $1 (µs timestamp), one decimal
    local d=$(( ${EPOCHREALTIME/./} - $1 ))
    printf '%d.%d' $((d / 1000000)) $((d % 1000000 / 100000))
}
say() { printf '[%6ss] %s\n' "$(elapsed "$T0")" "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
on_err() { printf 'ERROR: step "%s" failed (line %s)\n' "$STEP" "$1" >&2; }

step() { # step "description" function [args]: one line per step, with its time
    local desc=$1 t=${EPOCHREALTIME/./}; shift
    STEP=$desc
    "$@"
    say "$desc ($(elapsed "$t")s)"
}

log_tail() { # LOG [LINES] on stderr: the part since the last "===== ... starting" mark
    [[ -s $1 ]] || return 0
    printf -- '----- last lines of %s -----\n' "$1" >&2
    awk '/^===== .* starting /{n = 0} {l[++n] = $0} END {for (i = 1; i <= n; i++) print l[i]}' \
        "$1" | tail -n "${2:-40}" >&2
    printf -- '-----\n' >&2
}
