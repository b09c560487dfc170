"""The NS private key: made once with mode 0600, re-read on later runs, removed with the keypair."""
import os
import stat

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.lifecycle import keypairs


def test_key_is_generated_once_private_and_removable(tmp_path):
    path = str(tmp_path / "keys" / "smartnfvo-edge-0b7f5a1e")
    public = keypairs.public_key(path)
    assert public.startswith("ssh-ed25519 ") and "PRIVATE" not in public
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700
    assert keypairs.public_key(path) == public  # re-derived, not regenerated
    keypairs.remove(path)
    assert not os.path.exists(path)
