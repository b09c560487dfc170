# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Catalog of the bundled ETSI GS NFV-SOL 001 type definition files.

BUNDLED_TYPE_FILES maps each standard file name to its TOSCA YAML text. The
texts import each other by bare file name, so a loader must write all of them
into one directory under these names before handing a descriptor to
tosca-parser.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.sol001 import common_types
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.sol001 import nsd_types
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.sol001 import pnfd_types
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.sol001 import vnfd_types

# Published SOL001 editions the bundled content follows: v2.6.1 is the base,
# v2.7.1 additions are included (superset). Where the two editions disagree on
# a property type (Vdu.Compute boot_order, nfvi_constraints, boot_data) the
# v2.6.1 form is kept. The NSD types also carry optional NS scaling, level
# mapping and monitoring types from later editions.
SOL001_VERSION = "2.6.1+2.7.1"

BUNDLED_TYPE_FILES = {
    "etsi_nfv_sol001_common_types.yaml": common_types.TOSCA_YAML,
    "etsi_nfv_sol001_vnfd_types.yaml": vnfd_types.TOSCA_YAML,
    "etsi_nfv_sol001_nsd_types.yaml": nsd_types.TOSCA_YAML,
    "etsi_nfv_sol001_pnfd_types.yaml": pnfd_types.TOSCA_YAML,
}
