# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""SOL001 descriptors: the package reader, safe YAML, imports, types, tosca-parser fixes, validation, the readers and the model."""
