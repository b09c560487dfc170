# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # Paired with OPENSTACK_ARGS in plugins/module_utils/openstack_args.py
    DOCUMENTATION = r"""
options:
  cloud:
    description:
      - Named cloud of a C(clouds.yaml) (openstacksdk's files, or the one C(OS_CLIENT_CONFIG_FILE) names),
        or a dict of cloud settings.
      - Without it, openstacksdk reads C(OS_*) environment variables.
    type: raw
  auth:
    description:
      - Authentication settings (C(auth_url), C(username), C(password), C(project_name), ...), merged over the cloud's.
    type: dict
  auth_type:
    description: Keystone authentication plugin, for example C(password), C(token), C(v3applicationcredential).
    type: str
  region_name:
    description: Region of the cloud to use.
    type: str
  validate_certs:
    description: Verify the TLS certificates of the endpoints. Defaults to the cloud's setting (true).
    type: bool
    aliases: [verify]
  ca_cert:
    description: CA bundle to verify the endpoints with.
    type: str
    aliases: [cacert]
  interface:
    description: Endpoint interface of the service catalog to use.
    type: str
    choices: [admin, internal, public]
    default: public
    aliases: [endpoint_type]
  api_timeout:
    description: Timeout of one API request, in seconds.
    type: int
requirements:
  - openstacksdk >= 1.0.0
"""
