"""TEI P5's tei_all schema (tests/data/tei/tei_all.rng, see README.md there), compiled
once per test run: compiling it takes lxml about 15 seconds."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

from tests.paths import DATA

TEI_ALL = DATA / "tei" / "tei_all.rng"


@cache
def tei_all() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(TEI_ALL)))


def tei_errors(path: Path) -> list[str]:
    """Every validation error of the TEI file at ``path`` ("line: message"); [] if valid."""
    schema = tei_all()
    doc = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    if schema.validate(doc):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]
