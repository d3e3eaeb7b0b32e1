"""Files shipped inside the package: migrations, translations, icons, the sample volume.

The repository keeps them in top-level folders (``db/``, ``resources/``, ``images/``);
``setup.py`` installs those folders as the data packages ``app.db``, ``app.resources``
and ``app.images``, so :mod:`importlib.resources` finds them the same way in an editable
checkout, an installed wheel and a PyInstaller bundle, wherever the user runs from.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLE_FILE = "000_87c299a4ca3d8bb6.txt"


class MissingResourceError(RuntimeError):
    """The installation lacks a file it should ship (a broken or zipped install)."""


def bundled_path(package: str, *parts: str) -> Path:
    """``parts`` inside the data package ``package`` as a real file-system path.

    Qt's translators and the importer's photo folders need paths, not readers. Every
    supported installation (wheel, editable, PyInstaller folder) is unpacked, so the
    traversable *is* a path; anything else is refused in one line instead of failing later.
    """
    try:
        node = resources.files(package).joinpath(*parts)
    except ModuleNotFoundError as exc:
        raise MissingResourceError(
            f"this installation of Yearbook Curator lacks its {package} files; reinstall it"
        ) from exc
    if not isinstance(node, Path) or not node.exists():
        where = "/".join(parts)
        raise MissingResourceError(
            f"this installation of Yearbook Curator lacks {package}/{where}; reinstall it"
        )
    return node


def migrations_dir() -> Path:
    return bundled_path("app.db", "migrations")


def translations_dir() -> Path:
    return bundled_path("app.resources", "i18n")


ICON_NAME = "yearbook-curator"  # the icon theme name, the .desktop file's Icon=
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_files() -> list[Path]:
    """The application icon: its SVG, then a PNG per size (small windows, the bundle)."""
    return [bundled_path("app.resources", "icons", f"{ICON_NAME}.svg")] + [
        bundled_path("app.resources", "icons", f"{ICON_NAME}-{n}.png") for n in ICON_SIZES
    ]


def sample_source() -> Path:
    """The bundled sample volume (a real 上海杨浦年鉴 extract)."""
    return bundled_path("app.resources", "sample", SAMPLE_FILE)


def sample_images() -> Path:
    """The stand-in photographs the sample volume links to."""
    return bundled_path("app.images")
