# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module edge: a core NfvoError becomes fail_json with its message and problems, nothing else does."""

from __future__ import annotations

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import NfvoError


def call(module, service, *args, **kwargs):
    """service(*args, **kwargs), or fail_json for an NfvoError. warnings (a callable, keyword) gives warnings to
    show with the failure. fail_json runs outside the except block: there, ansible-core would attach a
    traceback to an error that is already typed and clear."""
    warnings = kwargs.pop("warnings", None)
    error = None
    try:
        return service(*args, **kwargs)
    except NfvoError as exc:
        error = exc
    for warning in (warnings() if warnings else ()) or ():
        module.warn(warning)
    module.fail_json(msg=str(error), problems=[p.to_dict() for p in getattr(error, "problems", ())],
                     **dict(getattr(error, "details", None) or {}))
