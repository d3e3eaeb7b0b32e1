"""The files the app reads at run time come from the package, not from the checkout."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from app.domain import bundled

APP = Path(bundled.__file__).resolve().parents[1]


def test_every_runtime_folder_is_found_through_the_package():
    names = sorted(p.name for p in bundled.migrations_dir().glob("*.sql"))
    assert names and all(re.fullmatch(r"\d{4}_[a-z0-9_]+\.sql", n) for n in names)
    assert (bundled.translations_dir() / "curator_zh_CN.qm").is_file()
    assert "【" in bundled.sample_source().read_text(encoding="utf-8")
    assert len(list(bundled.sample_images().glob("*.jpg"))) == 6


def test_a_file_the_installation_lacks_is_one_clear_error():
    with pytest.raises(bundled.MissingResourceError, match=r"lacks app\.resources/nothing\.txt"):
        bundled.bundled_path("app.resources", "nothing.txt")
    with pytest.raises(bundled.MissingResourceError, match=r"lacks its app\.nowhere files"):
        bundled.bundled_path("app.nowhere")


def test_no_module_of_the_app_locates_files_relative_to_its_source():
    """``Path(__file__).parents[…]`` finds the checkout, which an installed app does not have."""
    offenders = []
    for path in APP.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == "__file__":
                offenders.append(f"{path.relative_to(APP.parent)}:{node.lineno}")
    assert offenders == []
