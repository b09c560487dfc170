# Makes `import ansible_collections.smartnfvo.nfvo...` work from a plain checkout, as bootstrap's link does.
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_link_root = os.path.join(REPO, ".collections")
if os.path.isdir(os.path.join(_link_root, "ansible_collections")) and _link_root not in sys.path:
    sys.path.insert(0, _link_root)
