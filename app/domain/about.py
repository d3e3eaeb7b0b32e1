"""What the About box and ``curator about`` say: the version, the licence, the libraries.

Everything is read from the installed distributions' metadata — the wheel's, or the
copies the standalone bundle carries (packaging/curator.spec) — and nothing is typed
here, so it stays true when a dependency or its licence changes.
"""

from __future__ import annotations

import platform
import re
from collections import deque
from dataclasses import dataclass
from importlib import metadata

DISTRIBUTION = "yearbook-curator"
NOT_STATED = "not stated"  # a distribution that names no licence in its metadata
PYTHON_LICENCE = "PSF-2.0"  # the interpreter, which every installation carries
_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")
_LICENCE_CLASSIFIER = "License :: "


@dataclass(frozen=True)
class Library:
    name: str
    version: str
    licence: str  # an SPDX expression where the library states one


def app_version() -> str:
    """The installed distribution's version (pyproject.toml's, in every kind of install)."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def licence_of(meta) -> str:
    """A distribution's licence: its SPDX ``License-Expression`` (PEP 639), else a short
    ``License`` field, else its licence classifiers; "not stated" when it says nothing."""
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 80 and text.upper() != "UNKNOWN":
        return text
    classifiers = [
        c.rsplit(" :: ", 1)[-1]
        for c in meta.get_all("Classifier") or []
        if c.startswith(_LICENCE_CLASSIFIER)
    ]
    return " / ".join(classifiers) if classifiers else NOT_STATED


def app_licence() -> str:
    try:
        return licence_of(metadata.metadata(DISTRIBUTION))
    except metadata.PackageNotFoundError:
        return "not installed"


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _runtime_requirements(dist: metadata.Distribution) -> list[str]:
    """Names of what ``dist`` needs at run time: extras (test tools, benches) left out."""
    names = []
    for requirement in dist.requires or []:
        _spec, _, marker = requirement.partition(";")
        if "extra" in marker:
            continue
        match = _NAME.match(requirement.strip())
        if match:
            names.append(match.group(0))
    return names


def shipped_libraries() -> list[Library]:
    """Every library the app runs on, directly or through another, as installed here.

    A requirement counts when its distribution is installed: one whose marker excludes
    this platform or Python is not (``typing; python_version < "3.5"``), and a bundle
    carries the metadata of exactly the libraries it ships.
    """
    try:
        root = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return []
    found: dict[str, Library] = {}
    queue = deque(_runtime_requirements(root))
    while queue:
        name = queue.popleft()
        if _key(name) in found or _key(name) == DISTRIBUTION:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        meta = dist.metadata
        found[_key(name)] = Library(meta["Name"] or name, dist.version, licence_of(meta))
        queue.extend(_runtime_requirements(dist))
    return sorted(found.values(), key=lambda lib: lib.name.lower())


def python_runtime() -> tuple[str, str]:
    """The interpreter's version and licence."""
    return platform.python_version(), PYTHON_LICENCE
