# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: vnfs
short_description: VDU instances of SmartNFVO network services as hosts
version_added: 0.2.0
description:
  - One host per VDU instance (VNFC) that SmartNFVO instantiated on one or more VIMs, found by the tags
    SmartNFVO puts on what it creates (C(smartnfvo), C(smartnfvo:ns=...), C(smartnfvo:cp=...) and the server
    metadata C(smartnfvo_*)), never by name.
  - "Per OpenStack VIM it makes one list call per resource type: servers with details, ports, networks and subnets,
    each filtered by the C(smartnfvo) tag (plus one call by id for networks or subnets the NS did not create, when
    its ports sit on them). VIMs are read concurrently."
  - "For a clouds.yaml entry with a password or an application credential on Keystone v3 and at most one region
    (the usual case), the plugin finds the entry (and its C(secure.yaml) part) where openstacksdk would, gets one
    token and makes those list calls itself (Nova microversion 2.47), without loading openstacksdk. Other entries
    (vendor profiles, other auth types, endpoint overrides, several regions) and clouds older than Pike go through
    openstacksdk, with the same hosts and variables."
  - "With the cache on, a run the cache serves makes no API call and does not load openstacksdk."
  - "Host names are C(<ns>-<vnf>-<vdu>-<index>) by default, the names of the NS lifecycle's servers."
  - "Groups: C(ns_<NS name>), C(vnf_<VNF name>), C(vdu_<VDU>), C(vim_<VIM>), C(vnfd_<VNFD id>) and
    C(state_<server status>) such as C(state_active); names are sanitised to letters, digits and underscores."
  - "Host variables: C(ansible_host) (first address of the management CP), C(ansible_user) if set,
    C(ansible_ssh_private_key_file) (the NS keypair's private key, when the file exists), and C(smartnfvo_*):
    C(ns_instance_id), C(ns_name), C(vnf_instance_id), C(vnf_name), C(vnfd_id), C(vnfd_version), C(flavour_id), C(vdu),
    C(vdu_index), C(management_cp), C(vim), C(server_id), C(server_name), C(server_status), C(phase) (VIM-neutral: pending, ready, stopped, failed),
    C(availability_zone), C(key_name), C(flavor), C(flavor_id), C(image), C(image_id) and C(cps)."
  - "C(smartnfvo_cps) maps each CP name to C(ip_address), C(ip_addresses), C(mac_address), C(subnet_cidr),
    C(netmask), C(prefix_length), C(gateway), C(subnet_id), C(network_name), C(network_id), C(port_id),
    C(port_status) and C(fixed_ips) (each address with its own subnet facts)."
  - The configuration file name must end in C(vnfs.yml) or C(vnfs.yaml).
requirements:
  - openstacksdk >= 1.0 (for OpenStack sources whose clouds.yaml entry the plugin does not read itself)
extends_documentation_fragment:
  - constructed
  - inventory_cache
options:
  plugin:
    description: Marks the file as a configuration of this plugin.
    required: true
    type: str
    choices: [smartnfvo.nfvo.vnfs]
  sources:
    description:
      - The VIMs to read.
      - "The C(local) type is the embedded local VIM of the machine the inventory runs on (as root): its hosts also get
        C(ansible_user=root), C(ansible_become_method=su) and C(ansible_ssh_common_args) pinning the VNFCs' host keys
        in the local VIM's C(known_hosts), unless set otherwise."
    type: list
    elements: dict
    required: true
    suboptions:
      type:
        description: The kind of VIM.
        type: str
        choices: [openstack, local]
        default: openstack
      cloud:
        description: The clouds.yaml entry of an OpenStack VIM; its credentials choose the project.
        type: str
      name:
        description: The VIM's name in the C(vim_<name>) group and C(smartnfvo_vim); the cloud name by default, C(local) for the local VIM.
        type: str
      state_dir:
        description: For the C(local) type, the local VIM's state directory (the modules' C(local_vim_dir)).
        type: path
        default: /run/smartnfvo/local-vim
  clouds_yaml_path:
    description:
      - clouds.yaml files to read instead of openstacksdk's default locations.
    type: list
    elements: path
  hostname_format:
    description:
      - Python format string for host names.
      - "Fields: C(ns_name), C(vnf_name), C(vdu) (the VDU id as the plan writes it in server names), C(vdu_id),
        C(vdu_index), C(ns_instance_id), C(vnf_instance_id), C(server_name), C(server_id), C(vim)."
      - A server without SmartNFVO name metadata is named after the server.
    type: str
    default: "{ns_name}-{vnf_name}-{vdu}-{vdu_index}"
  ansible_host_cps:
    description:
      - CP names to take C(ansible_host) from, in order of preference, before the management CP the server records.
    type: list
    elements: str
    default: []
  ansible_user:
    description: Sets C(ansible_user) on every host.
    type: str
  key_dir:
    description:
      - Where the NS keypairs' private keys are, each named after its keypair
        (C(smartnfvo-<ns_name>-<first 8 characters of the NS instance id>)).
    type: path
    default: ~/.smartnfvo/keys
  fail_on_errors:
    description:
      - Fail the whole inventory when a VIM cannot be read.
      - By default a warning names the VIM and the error, and the other VIMs' hosts are still returned.
    type: bool
    default: false
  max_workers:
    description: How many VIMs are read at the same time.
    type: int
    default: 8
"""

EXAMPLES = r"""
# openstack.vnfs.yml: every VDU instance SmartNFVO runs on the clouds.yaml entry "smartnfvo"
plugin: smartnfvo.nfvo.vnfs
sources:
  - cloud: smartnfvo

---
# local.vnfs.yml: every VDU instance on the embedded local VIM of this machine
plugin: smartnfvo.nfvo.vnfs
sources:
  - type: local
    state_dir: /run/smartnfvo/local-vim

---
# Two clouds, a login user, an extra group and a variable, and a cache.
plugin: smartnfvo.nfvo.vnfs
sources:
  - cloud: site-a
    name: edge_a
  - cloud: site-b
ansible_user: debian
compose:
  data_ip: smartnfvo_cps['web_data_cp'].ip_address | default(omit)
groups:
  firewalls: smartnfvo_vnf_name == 'firewall'
keyed_groups:
  - key: smartnfvo_availability_zone
    prefix: az
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/smartnfvo-inventory
cache_timeout: 300
"""

from ansible.errors import AnsibleError, AnsibleParserError
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.inventory.hosts import InventoryError, build_hosts
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.inventory.sources import SourceError, fetch_all, make_source


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = "smartnfvo.nfvo.vnfs"

    def verify_file(self, path):
        return super().verify_file(path) and path.endswith(("vnfs.yml", "vnfs.yaml"))

    def parse(self, inventory, loader, path, cache=True):
        super().parse(inventory, loader, path, cache)
        self._read_config_data(path)
        try:
            sources = [make_source(spec, self.get_option("clouds_yaml_path")) for spec in self.get_option("sources")]
        except SourceError as exc:
            raise AnsibleParserError("%s: %s" % (path, to_native(exc)))
        names = [s.name for s in sources]
        if len(set(names)) != len(names):
            raise AnsibleParserError("%s: two sources share a name; give one of them 'name'" % path)
        records, errors = self._records(sources, path, cache)
        if errors and self.get_option("fail_on_errors"):
            raise AnsibleError("smartnfvo.nfvo.vnfs: " + "; ".join(errors))
        for message in errors:
            self.display.warning("smartnfvo.nfvo.vnfs: %s (its hosts are missing)" % message)
        for source in sources:
            if getattr(source, "notice", None):
                self.display.warning("smartnfvo.nfvo.vnfs: source %s: %s" % (source.name, source.notice))
        try:
            instances = [i for source in sources if source.name in records for i in source.vdu_instances(records[source.name])]
            built = build_hosts(instances, {"hostname_format": self.get_option("hostname_format"),
                                            "ansible_user": self.get_option("ansible_user"),
                                            "ansible_host_cps": self.get_option("ansible_host_cps"),
                                            "key_dir": self.get_option("key_dir")})
        except InventoryError as exc:
            raise AnsibleParserError("%s: %s" % (path, to_native(exc)))
        for message in built["warnings"]:
            self.display.warning("smartnfvo.nfvo.vnfs: " + message)
        # Connection variables a VIM's hosts need (the local VIM's root login and host keys); set ones win.
        source_vars = dict((s.name, s.host_vars()) for s in sources if hasattr(s, "host_vars"))
        for host in built["hosts"]:
            for key, value in source_vars.get(host["vars"].get("smartnfvo_vim"), {}).items():
                host["vars"].setdefault(key, value)
        self._populate(built["hosts"])

    def _records(self, sources, path, cache):
        """Records per source name: from the cache (one entry per source and project) or from the VIMs."""
        use_cache = self.get_option("cache")
        records, errors, wanted = {}, [], []
        for source in sources:
            try:
                key = "%s_%s" % (self.get_cache_key(path), source.cache_id())
            except SourceError as exc:
                errors.append(to_native(exc))
                continue
            if use_cache and cache:
                try:
                    records[source.name] = self._cache[key]
                    continue
                except KeyError:
                    pass
            wanted.append((source, key))
        fetched = fetch_all([s for s, _key in wanted], self.get_option("max_workers"))
        for source, key in wanted:
            data, error = fetched[source.name]
            if error:
                errors.append(error)
                continue
            records[source.name] = data
            if use_cache:
                self._cache[key] = data
        return records, errors

    def _populate(self, hosts):
        strict = self.get_option("strict")
        for host in hosts:
            name = host["name"]
            self.inventory.add_host(name)
            for key, value in host["vars"].items():
                self.inventory.set_variable(name, key, value)
            for group in host["groups"]:
                self.inventory.add_child(self.inventory.add_group(group), name)
            hostvars = self.inventory.get_host(name).get_vars()
            self._set_composite_vars(self.get_option("compose"), hostvars, name, strict=strict)
            self._add_host_to_composed_groups(self.get_option("groups"), hostvars, name, strict=strict)
            self._add_host_to_keyed_groups(self.get_option("keyed_groups"), hostvars, name, strict=strict)
