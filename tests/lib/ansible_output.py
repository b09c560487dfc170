"""Reading what ansible commands print, for the integration tests."""


def unwrap(value):
    """ansible-core 2.19 writes strings an inventory plugin set (values read from a VIM) as
    {"__ansible_unsafe": s} in `ansible-inventory --list`: the plain values."""
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            return value["__ansible_unsafe"]
        return dict((k, unwrap(v)) for k, v in value.items())
    if isinstance(value, list):
        return [unwrap(v) for v in value]
    return value
