"""The collection's sample NS and the module parameters the lifecycle unit tests instantiate it with."""
import os

from repo import REPO  # noqa: E402
SAMPLE = os.path.join(REPO, "descriptors", "sample_ns")
# The in-memory VIM's flavors and image, as a non-admin user maps them on a cloud.
MAPS = {"flavor_map": {"client_vdu": "m1.tiny", "fw_vdu": "nfv.small", "web_vdu": "m1.tiny"},
        "image_map": {"debian-12-generic": "cirros"}}


def sample_params(tmp_path, **extra):
    """ns module parameters for the sample NS named 'unit', with its keys under tmp_path."""
    return dict(MAPS, path=SAMPLE, ns_name="unit", key_dir=str(tmp_path / "keys"), state="present", **extra)
