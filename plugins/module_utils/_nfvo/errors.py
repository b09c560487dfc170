# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Typed errors of the NFVO core. Only the Ansible edge turns them into fail_json."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where (file, node template) and why."""

    file: str
    node: str | None
    reason: str

    def __str__(self):
        where = self.file or "<input>"
        if self.node:
            where += ": node template '%s'" % self.node
        return "%s: %s" % (where, self.reason)

    def to_dict(self):
        return {"file": self.file, "node": self.node, "reason": self.reason}


class NfvoError(Exception):
    """Base of every error the core raises on purpose."""


class DescriptorError(NfvoError):
    """A descriptor or package is invalid. Carries every problem found, not only the first."""

    def __init__(self, problems):
        self.problems = tuple(problems)
        lines = [str(p) for p in self.problems]
        head = "invalid descriptor (%d problem%s)" % (len(lines), "" if len(lines) == 1 else "s")
        super().__init__(head + ":\n  - " + "\n  - ".join(lines))


class PlanError(DescriptorError):
    """The descriptor is valid but cannot be planned with these instantiation parameters."""


class VimError(NfvoError):
    """A VIM refused or failed an operation on one resource; names the resource and gives the VIM's reason."""

    def __init__(self, kind, name, reason, operation="create"):
        self.kind, self.name, self.reason, self.operation = kind, name, reason, operation
        super().__init__("%s of %s '%s' failed: %s" % (operation, kind, name, reason))


class VimUnavailable(NfvoError):
    """The VIM cannot be used at all: missing client library, bad credentials, unreachable endpoint."""


class WaitTimeout(NfvoError):
    """A resource did not reach the state waited for in time."""


class RetriesExhausted(NfvoError):
    """A call kept failing with transient faults until its retry policy ran out; error is the last fault."""

    def __init__(self, error, reason, attempts, elapsed):
        self.error, self.reason, self.attempts, self.elapsed = error, reason, attempts, elapsed
        super().__init__("%s (gave up after %d attempts in %.0f s)" % (reason, attempts, elapsed))
