"""Keep ``None`` (and the booleans) alive under PySide6 6.12 on Python 3.11.

PySide6-Essentials 6.12 returns ``None`` from void C++ methods (``setText``,
``setEnabled``, ``resize``, …) and from null-object getters without taking a reference,
as if ``None`` were immortal — which it is only from Python 3.12 (PEP 683). On 3.11
every such call lowers ``None``'s reference count by one, and after a few thousand calls
the interpreter aborts with "none_dealloc: deallocating None". A window makes thousands
of those calls per second, so this is not an edge case.

Until the binding is fixed (or the project moves to Python ≥ 3.12), we give these
singletons a reference count so large that no session can exhaust it: the same idea as
immortality. On 3.12 and later this does nothing.
"""

from __future__ import annotations

import ctypes
import sys

_BALLAST = 1 << 48  # ~2.8e14 leaked decrements before trouble: centuries of clicking
_done = False


def shield_singletons() -> None:
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += _BALLAST
    _done = True
