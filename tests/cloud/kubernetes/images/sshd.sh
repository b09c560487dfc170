#!/bin/sh
# Recipe of smartnfvo/sshd:1, run by tests/cloud/kubernetes.sh build as
# `sshd.sh ROOTFS`: a Debian 12 minbase root (debootstrap from Debian's
# archive) with OpenSSH's server and Python (Ansible configures VNFs over SSH).
# At start the container makes its host keys and takes root's authorized keys
# from $SSH_AUTHORIZED_KEYS or a file mounted at /etc/smartnfvo/authorized_keys.
set -eu
root=$1
mirror=${SMARTNFVO_DEBIAN_MIRROR:-http://deb.debian.org/debian}
debootstrap --variant=minbase --include=openssh-server,python3,iproute2,procps,netcat-openbsd \
    bookworm "$root" "$mirror"
# No host keys in the image: every container makes its own.
rm -f "$root"/etc/ssh/ssh_host_*
cat >"$root/usr/local/sbin/smartnfvo-sshd" <<'EOS'
#!/bin/sh
set -e
ssh-keygen -A >/dev/null
mkdir -p /run/sshd /root/.ssh
chmod 700 /root/.ssh
if [ -n "${SSH_AUTHORIZED_KEYS:-}" ]; then
    printf '%s\n' "$SSH_AUTHORIZED_KEYS" >/root/.ssh/authorized_keys
elif [ -f /etc/smartnfvo/authorized_keys ]; then
    cp /etc/smartnfvo/authorized_keys /root/.ssh/authorized_keys
fi
[ ! -f /root/.ssh/authorized_keys ] || chmod 600 /root/.ssh/authorized_keys
exec /usr/sbin/sshd -D -e "$@"
EOS
chmod 755 "$root/usr/local/sbin/smartnfvo-sshd"
# Keep the image small: no apt lists, caches, docs.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
    "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/*
# debootstrap leaves these mounted when interrupted; never ship them.
for m in proc sys dev/pts dev; do umount "$root/$m" 2>/dev/null || true; done
