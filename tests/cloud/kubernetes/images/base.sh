#!/bin/sh
# Recipe of smartnfvo/base:1, run by tests/cloud/kubernetes.sh build as
# `base.sh ROOTFS`: Debian's busybox-static and its applets.  Debian's busybox
# wget segfaults here: use nc (nc -l -p PORT, nc HOST PORT).
set -eu
root=$1
mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin" "$root/etc" \
    "$root/tmp" "$root/root" "$root/proc" "$root/sys" "$root/dev" "$root/var/run"
chmod 1777 "$root/tmp"
cp /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list-full); do
    [ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
