"""Shared pieces of the robustness suite: child processes, small volumes, checks.

``CURATOR_SOAK=1`` turns every loop count up (kills, concurrent saves, fuzz examples);
the default keeps the whole suite well inside a CI budget.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.storage.db import Project, open_project
from tests.paths import ROOT

SOAK = bool(os.environ.get("CURATOR_SOAK"))

# Every child starts with this: the app's own modules, nothing mocked (importing
# app.storage registers the SQL functions the search triggers call).
CHILD_PRELUDE = textwrap.dedent(
    """
    import sys, os, time, json
    from app.storage.db import open_project
    """
)


def soak(ci: int, long: int) -> int:
    return long if SOAK else ci


def child_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CURATOR_USER": "tester"}
    env.pop("CURATOR_DEBUG", None)
    env.update(extra)
    return env


def spawn(code: str, *args: str, **popen) -> subprocess.Popen:
    """A Python child running ``CHILD_PRELUDE + code`` with ``args`` in ``sys.argv[1:]``."""
    return subprocess.Popen(
        [sys.executable, "-c", CHILD_PRELUDE + textwrap.dedent(code), *args],
        cwd=ROOT,
        env=child_env(),
        stdout=popen.pop("stdout", subprocess.PIPE),
        stderr=popen.pop("stderr", subprocess.PIPE),
        **popen,
    )


def run_child(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    proc = spawn(code, *args)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(f"child hung for {timeout}s: {err.decode()[-2000:]}") from None
    return subprocess.CompletedProcess(proc.args, proc.returncode, out.decode(), err.decode())


def curator(
    *args: str, timeout: float = 120, env: dict | None = None
) -> subprocess.CompletedProcess:
    """The real CLI in a child process (exit code, stdout, stderr as text)."""
    try:
        return subprocess.run(
            [sys.executable, "-m", "app", *args],
            cwd=ROOT,
            env=env or child_env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"curator {' '.join(args)} hung for {timeout}s") from exc


def assert_one_line_error(result: subprocess.CompletedProcess, *needles: str) -> str:
    """Exit 1, one line on stderr starting with ``curator:``, no traceback."""
    err = result.stderr.strip()
    assert result.returncode == 1, (result.returncode, result.stdout, err)
    assert "Traceback" not in err, err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("curator: "), err
    assert "unexpected error" not in err, err
    low = err.lower()
    for n in needles:
        assert n.lower() in low, (n, err)
    return err


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def counts(project: Project) -> dict[str, int]:
    return {
        t: project.scalar(f"SELECT count(*) FROM {t}")
        for t in (
            "source",
            "entry",
            "photo",
            "fragment",
            "attribution",
            "suggestion",
            "revision",
            "batch",
        )
    }


def digest(project: Project) -> str:
    """Content of every ordinary table, to prove nothing changed."""
    h = hashlib.sha256()
    tables = [
        r[0]
        for r in project.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            " AND sql NOT LIKE '%VIRTUAL TABLE%' AND name NOT LIKE '%fts_%' ORDER BY name"
        )
    ]
    for t in tables:
        h.update(t.encode())
        # sorted in Python: some tables are WITHOUT ROWID (0013's pending counts)
        for row in sorted(repr(r) for r in project.conn.execute(f'SELECT * FROM "{t}"')):
            h.update(row.encode())
    return h.hexdigest()


def assert_healthy(db: Path) -> None:
    with open_project(db) as p:
        assert p.integrity() == []
        assert not p.conn.in_transaction


def volume_text(entries: int, *, photo_every: int = 0, attribution: bool = True) -> str:
    """A plain volume: numbered entries with a split number each (a safe suggestion)."""
    parts = []
    for i in range(1, entries + 1):
        parts.append(
            f"【第{i}条工会简讯】\n本年安置下岗职工1\n{i % 900 + 100:03d}人,其中女职工{i}人。\n"
        )
        if attribution:
            parts.append("(陈晖)\n")
        if photo_every and i % photo_every == 0:
            parts.append(f"![image](images/p{i}.jpg)\n工会召开第{i}次会议(张鸿祥摄)\n")
    return "".join(parts)


@pytest.fixture(scope="session")
def big_volume(tmp_path_factory) -> Path:
    """1,500 generated entries in the sample's style (photos, attributions, artifacts)."""
    from bench.generate import generate

    return generate(1500, tmp_path_factory.mktemp("bigvol") / "vol.txt")


@pytest.fixture(scope="session")
def big_project_template(tmp_path_factory, big_volume) -> Path:
    from app.storage.importer import import_source

    db = tmp_path_factory.mktemp("bigdb") / "template.db"
    with open_project(db) as p:
        import_source(p, big_volume)
    return db


def copy_project(template: Path, target: Path) -> Path:
    """A copy through the backup API (never a file copy of a live database)."""
    with open_project(template, readonly=True) as p:
        p.backup(target)
    return target
