"""The repository root, for tests that read its files (descriptors, playbooks, plugins)."""
import os

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
