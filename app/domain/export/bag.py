"""BagIt 1.0 packages (RFC 8493) built with the Library of Congress' ``bagit`` library.

``bagit.make_bag`` moves a folder's files into ``data/``, so the bag is always built in
a fresh staging folder beside the target — never in the user's image folders, and the
photographs are copied, never moved. The staging folder is validated, then renamed
into place. An existing target is replaced only if it is empty or is a bag this app
exported, unchanged since (:func:`is_our_bag`); anything else is refused rather than
deleted.

Note: ``bagit.make_bag`` and ``Bag.validate`` change the process's working directory
while they run; callers running an export on a thread should not rely on the cwd.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import bagit

from .atomic import _UMASK, describe_os_error, fsync_dir
from .common import ExportContext
from .errors import ExportError

IMAGES_DIR = "images"
SOURCES_DIR = "source"
BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
# RFC 8493: tools SHOULD create SHA-512 manifests; SHA-256 is kept beside it (the export
# file's digest in External-Identifier and the report).
CHECKSUMS = ["sha256", "sha512"]
_UNSAFE = re.compile(r"[^\w.\-]+")
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$", re.IGNORECASE)
MAX_NAME = 120


def portable_name(name: str) -> str:
    """A file name that is safe on Windows, macOS and Linux and needs no quoting in a link.

    Word characters (Han included), ``.`` and ``-`` are kept; every other run becomes ``_``;
    leading/trailing dots, spaces and underscores go; reserved device names get a ``_``.
    """
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    name = _UNSAFE.sub("_", name).strip("._ ")
    if not name:
        name = "photo"
    stem, dot, ext = name.partition(".")
    if _RESERVED.match(stem):
        name = "_" + name
    if len(name) > MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        if not dot or len(ext) > 10:
            stem, ext = name, ""
        name = stem[: MAX_NAME - len(ext) - 1] + (f".{ext}" if ext else "")
    return name


def unique_name(name: str, taken: set[str]) -> str:
    """Distinct even on case-insensitive file systems (``A.jpg`` vs ``a.jpg``)."""
    candidate = name
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    n = 2
    while candidate.casefold() in taken:
        candidate = f"{stem}-{n}" + (f".{ext}" if ext else "")
        n += 1
    taken.add(candidate.casefold())
    return candidate


def plan_photos(ctx: ExportContext) -> dict[int, tuple[Path, str]]:
    """photo id → (file to copy, name inside data/images/), refusing anything odd."""
    plan: dict[int, tuple[Path, str]] = {}
    taken: set[str] = set()
    for p in ctx.photos:
        if p.file_status != "ok" or not p.file:
            reason = p.file_problem or p.file_status
            ctx.warn(f"photo {p.id} ({p.path}): not included in the bag: {reason}")
            continue
        src = Path(p.file)
        try:
            st = os.lstat(src)
        except OSError as exc:
            ctx.warn(f"photo {p.id} ({p.path}): not included in the bag: {exc.strerror}")
            continue
        if not stat.S_ISREG(st.st_mode):
            ctx.warn(f"photo {p.id} ({p.path}): refused: not a regular file")
            continue
        plan[p.id] = (src, unique_name(portable_name(src.name), taken))
    return plan


def _copy(src: Path, dst: Path) -> None:
    # O_NOFOLLOW: the file was checked as a regular file; do not follow a swapped-in link.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(src, flags)
    with os.fdopen(fd, "rb") as fin, open(dst, "xb") as fout:
        shutil.copyfileobj(fin, fout, 1 << 20)


def sidecar(ctx: ExportContext, plan: dict[int, tuple[Path, str]]) -> list[dict]:
    return list(sidecar_items(ctx, plan))


def sidecar_items(ctx: ExportContext, plan: dict[int, tuple[Path, str]]) -> Iterator[dict]:
    """photos.json's objects, one per photo, as the photo stream reads them."""
    for p in ctx.photos:
        entry = plan.get(p.id)
        yield (
            {
                "id": p.id,
                "path": p.path,
                "file": f"{IMAGES_DIR}/{entry[1]}" if entry else None,
                "caption": ctx.caption(p),
                "photographers": list(ctx.photographers(p)),
                "photographer_ids": [i for i, _ in ctx.photographer_refs(p)],
                "entry_ids": list(p.entry_ids),
                "file_status": p.file_status
                if entry
                else (p.file_status if p.file_status != "ok" else "refused"),
                "link_confirmed": p.link_confirmed,
            }
        )


def make_staging(out: Path) -> Path:
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise ExportError(f"the folder {parent} does not exist")
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=parent))
        os.chmod(staging, 0o777 & ~_UMASK)
    except OSError as exc:
        raise ExportError(describe_os_error(exc, out)) from exc
    return staging


def copy_photos(ctx: ExportContext, staging: Path, plan: dict[int, tuple[Path, str]]) -> None:
    folder = staging / IMAGES_DIR
    if plan:
        folder.mkdir()
    for pid, (src, name) in plan.items():
        try:
            _copy(src, folder / name)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", -1)):
                raise ExportError(describe_os_error(exc, staging)) from exc
            ctx.warn(f"photo {pid}: not included in the bag: {exc.strerror or exc}")
            try:
                (folder / name).unlink()
            except OSError:
                pass
        ctx.tick()


def plan_sources(ctx: ExportContext) -> dict[int, str]:
    """source id → its file name inside data/source/ (the name it was imported under)."""
    taken: set[str] = set()
    return {
        s.id: unique_name(portable_name(s.file_name) or "source.txt", taken)
        for s in ctx.corpus.sources
    }


def copy_sources(ctx: ExportContext, staging: Path, plan: dict[int, str]) -> None:
    """The original source files, byte for byte as imported, into data/source/."""
    if not plan:
        return
    read = ctx.corpus.read_source
    if read is None:
        raise ExportError("the snapshot cannot read the original source files")
    folder = staging / SOURCES_DIR
    folder.mkdir()
    for source_id, name in plan.items():
        source = ctx.sources[source_id]
        h = hashlib.sha256()
        try:
            with open(folder / name, "xb") as fh:
                for chunk in read(source_id):
                    h.update(chunk)
                    fh.write(chunk)
        except OSError as exc:
            raise ExportError(describe_os_error(exc, staging)) from exc
        if h.hexdigest() != source.sha256:
            raise ExportError(
                f"source {source_id} ({source.file_name}): its stored bytes do not match the"
                " sha256 recorded at import; the project may be damaged (run curator check)"
            )
        ctx.tick()


def write_sidecar(ctx: ExportContext, staging: Path, plan: dict[int, tuple[Path, str]]) -> None:
    """photos.json: what ``json.dump(sidecar(ctx, plan), fh, indent=1)`` writes, an object
    at a time (each indented one more level), so no list of every photo is held."""
    with open(staging / "photos.json", "w", encoding="utf-8") as fh:
        first = True
        for item in sidecar_items(ctx, plan):
            text = json.dumps(item, ensure_ascii=True, allow_nan=False, indent=1)
            fh.write(("[\n " if first else ",\n ") + text.replace("\n", "\n "))
            first = False
        fh.write("[]\n" if first else "\n]\n")


def finish_bag(staging: Path, out: Path, info: dict[str, str | list[str]]) -> None:
    """Turn the staging folder into a bag, validate it and rename it to ``out``."""
    try:
        bagit.make_bag(str(staging), bag_info=info, checksums=CHECKSUMS)
        # bagit.make_bag writes version 0.97; the bag is RFC 8493's 1.0 (its manifests
        # already are), so bagit.txt says so and the tag manifests are made again.
        with open(staging / "bagit.txt", "w", encoding="utf-8", newline="\n") as fh:
            fh.write(BAGIT_TXT)
        bagit.Bag(str(staging)).save(manifests=False)
        bag = bagit.Bag(str(staging))
        if bag.version_info != (1, 0):
            raise ExportError(f"the bag was written as BagIt {bag.version}, not 1.0")
        bag.validate()
    except bagit.BagError as exc:
        raise ExportError(f"the BagIt package failed validation: {exc}") from exc
    except OSError as exc:
        raise ExportError(describe_os_error(exc, out)) from exc
    del bag
    _move_into_place(staging, out)


_TAG_FILE = re.compile(r"^(bagit\.txt|bag-info\.txt|(tag)?manifest-[a-z0-9]+\.txt)$")
_OUR_FIELDS = ("Export-Format: ", "Export-Layer: ", "Export-Entries: ")


def is_our_bag(folder: Path) -> bool:
    """A previous export of this app, and nothing else: replacing it loses nothing.

    A folder merely holding a ``bagit.txt`` is not enough (it may be the project's
    folder, or someone else's bag): the top level must hold only BagIt's tag files and
    ``data/``, ``bag-info.txt`` must hold this app's Export-* fields, and every file under ``data/`` must
    be listed in a manifest (so no document was added to it since).
    """
    try:
        names = {p.name for p in folder.iterdir()}
        if "bagit.txt" not in names or "bag-info.txt" not in names or "data" not in names:
            return False
        if any(n != "data" and not _TAG_FILE.match(n) for n in names):
            return False
        info = (folder / "bag-info.txt").read_text(encoding="utf-8").splitlines()
        if not all(any(line.startswith(f) for line in info) for f in _OUR_FIELDS):
            return False
        listed: set[str] = set()
        for m in folder.glob("manifest-*.txt"):
            for line in m.read_text(encoding="utf-8").splitlines():
                _, _, name = line.partition(" ")
                listed.add(name.strip().lstrip("*"))
        for dirpath, dirnames, filenames in os.walk(folder / "data"):
            for name in filenames:
                rel = (Path(dirpath) / name).relative_to(folder).as_posix()
                if rel not in listed:
                    return False
            for name in dirnames:
                if (Path(dirpath) / name).is_symlink():
                    return False
        return True
    except (OSError, UnicodeDecodeError):
        return False


def _move_into_place(staging: Path, out: Path) -> None:
    parent = out.parent if str(out.parent) else Path(".")
    try:
        if out.is_symlink() or out.is_file():
            raise ExportError(f"refusing to replace {out}: it is not a folder")
        if out.is_dir():
            if not any(out.iterdir()):
                out.rmdir()
            elif is_our_bag(out):
                old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=parent))
                old.rmdir()
                os.rename(out, old)
                try:
                    os.rename(staging, out)
                except OSError:
                    os.rename(old, out)
                    raise
                shutil.rmtree(old, ignore_errors=True)
                fsync_dir(parent)
                return
            else:
                raise ExportError(
                    f"refusing to replace {out}: the folder is not empty and is not a previous bag"
                    " exported by this app (its files would be deleted)"
                )
        os.rename(staging, out)
        fsync_dir(parent)
    except OSError as exc:
        raise ExportError(describe_os_error(exc, out)) from exc
