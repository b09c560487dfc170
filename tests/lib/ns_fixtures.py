"""An NS instantiated for a test module and terminated after it, whatever happened, on any VIM the tests reach."""


def instantiated_ns(run_module, args, tmp_path_factory, leftovers):
    """For a fixture to yield from: (args, instantiate result) of the ns module. At the end the NS is terminated and
    leftovers(terminate result) must be empty (what the VIM still holds of it)."""
    try:
        result = run_module("ns", args, tmp_path_factory.mktemp("instantiate"))
        assert not result.get("failed"), result.get("msg")
        yield args, result
    finally:
        done = run_module("ns", dict(args, state="absent"), tmp_path_factory.mktemp("terminate"))
        assert not done.get("failed"), done.get("msg")
        assert not leftovers(done)
