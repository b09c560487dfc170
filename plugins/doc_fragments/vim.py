# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # Paired with VIM_ARGS in plugins/module_utils/vim_args.py
    DOCUMENTATION = r"""
options:
  vim:
    description:
      - The VIM to work on, in one word, as the playbooks and roles take it (their C(vim) variable)
        - C(local) for the embedded local VIM (as O(vim_type=local)), or the name of an OpenStack cloud in
        C(clouds.yaml) (as O(vim_type=openstack) with O(cloud)).
      - C(kubernetes) and C(kubernetes:<context>) are reserved for the Kubernetes VIM, which this version does not
        have yet; they fail with that reason.
      - The module returns what it learnt of the VIM in its C(vim) result (name, type, capabilities, boot timeout),
        so that playbooks ask what the VIM can do instead of testing its name.
      - Mutually exclusive with O(vim_type), O(cloud) and O(auth).
    type: str
  vim_type:
    description:
      - The VIM to work on, when O(vim) does not name it. Without either, C(openstack).
      - C(openstack) uses the OpenStack connection options (O(cloud), O(auth), ...).
      - "C(local) is the embedded local VIM on the machine the module runs on (as root), and the OpenStack options
        are ignored. Each VDU instance is a Linux network namespace with its own interfaces, routes, host name and
        writable C(/etc), C(/var) and C(/tmp) (overlays of the host's), and an sshd on its management CP address; each
        virtual link is a Linux bridge and each CP a veth pair with the planned MAC and IP addresses. The host holds
        the gateway address of every management subnet, so the controller reaches each VNFC over SSH as root with
        the NS keypair."
      - "VNFCs on the local VIM run the host's OS: planned flavors and images are reported as existing and never
        created, affinity rules are recorded but not enforced (one NFVI node), and C(user_data) is not run."
      - On the local VIM a management subnet's CIDR must not overlap a route the host already has (another NS's
        management network, a container bridge); choose CIDRs with the C(vl_cidrs) option.
    type: str
    choices: [openstack, local]
  local_vim_dir:
    description:
      - On the local VIM (O(vim=local) or O(vim_type=local)), where the local VIM keeps its records (one small JSON file per resource), each VDU
        instance's sshd files and overlay upper directories, and the C(known_hosts) file of the VNFCs' host keys.
      - The default is on C(/run), like the namespaces the records describe, which vanish on reboot too.
      - It cannot be under C(/etc), C(/var) or C(/tmp), which every VNFC sees as its own copy.
    type: path
    default: /run/smartnfvo/local-vim
requirements:
  - "For the local VIM: root, and the commands C(ip) (iproute2), C(sshd) and C(ssh-keygen) (openssh-server),
    C(nft) (nftables), C(unshare) and C(setsid) (util-linux), and overlayfs in the kernel
    (C(apt-get install -y iproute2 openssh-server nftables)); openstacksdk is then not needed."
"""
