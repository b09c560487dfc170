#!/usr/bin/env bash
# Exit 0 ("nothing running") when no process of the SmartNFVO test cloud
# runs, 1 otherwise (and list them).  Used by `openstack.sh down`; handy in CI
# after it.  It looks both at the pid files of openstack.sh and at the
# process table, so leaked processes are found even without pid files.
set -euo pipefail
STATE_DIR=${SMARTNFVO_CLOUD_STATE:-/var/lib/smartnfvo-cloud}
found=0

for f in "$STATE_DIR"/run/*.pid; do
    [[ -e $f ]] || continue
    read -r pid _ <"$f" || continue
    if kill -0 "$pid" 2>/dev/null; then
        echo "running: ${f##*/} pid $pid"
        found=1
    fi
done

# Command lines of everything openstack.sh starts (and their children).
pattern='mariadbd|mysqld|beam\.smp|epmd|erl_child_setup|inet_gethost|rabbitmq-server'
pattern+='|uwsgi|glance-api|nova-(conductor|scheduler|api)|nova\.cmd\.compute'
pattern+='|neutron-(server|linuxbridge-agent|rpc-server|api)|privsep-helper'
pattern+='|cinder-(api|scheduler|volume)|heat-(engine|api)'
# (zombies are ignored: they are dead, only not yet reaped)
procs=$(ps -eo pid=,stat=,args= | awk -v self=$$ '$1 != self && $2 !~ /^Z/' |
    grep -E "$pattern" | grep -v -E 'grep -E|check_down\.sh' || true)
if [[ -n $procs ]]; then
    echo "processes of the cloud still running:"
    echo "$procs"
    found=1
fi

if ((found)); then exit 1; fi
echo "nothing running"
