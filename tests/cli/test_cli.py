"""The command line end to end: what an archivist types, what they get back."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from app.cli import main
from tests.paths import IMAGES, ROOT, SAMPLE


def curator(
    *args: str, env: dict | None = None, input: bytes | None = None
) -> subprocess.CompletedProcess:
    """Run the real command in a subprocess (exit status and stderr as a user sees them)."""
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, **(env or {})},
        input=input,
        timeout=120,
    )


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "p.db"
    assert main(["import", str(SAMPLE), "--images", str(IMAGES), "--db", str(path)]) == 0
    return path


def test_original_markdown_export_is_byte_identical(db, tmp_path):
    out = tmp_path / "o.md"
    assert main(["export", "--db", str(db), "--format", "md", "--original", "--out", str(out)]) == 0
    assert out.read_bytes() == SAMPLE.read_bytes()


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.encode("gb18030"),
        lambda t: t.replace("\n", "\r\n").encode("gb18030"),
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    ],
    ids=["crlf", "gb18030", "gb18030-crlf", "utf8-bom"],
)
def test_variants_export_back_byte_identical(tmp_path, variant):
    data = variant(SAMPLE.read_text(encoding="utf-8"))
    src = tmp_path / "v.txt"
    src.write_bytes(data)
    db = tmp_path / "v.db"
    out = tmp_path / "v.md"
    assert main(["import", str(src), "--db", str(db)]) == 0
    assert main(["export", "--db", str(db), "--format", "md", "--original", "--out", str(out)]) == 0
    assert out.read_bytes() == data


def test_jsonl_export_matches_the_sample(db, tmp_path):
    out = tmp_path / "o.jsonl"
    assert main(["export", "--db", str(db), "--format", "jsonl", "--out", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 17
    for key in ("id", "seq", "title", "body", "authors", "tags", "images", "source", "status"):
        assert key in rows[0]
    assert rows[0]["title"].startswith("市总工会下发《关于学习贯彻")
    assert rows[0]["authors"] == ["陈晖"]
    third = rows[2]
    assert [i["path"] for i in third["images"]] == ["images/00703786.jpg"]
    assert third["images"][0]["caption"] == "杨浦区总工会召开再就业工作会议,表彰十佳创业带头人"
    assert third["images"][0]["photographers"] == ["张鸿祥"]
    assert rows[11]["title"] == "上海轻工皮革公司工会再就业工作“三主动”"
    assert sum(len(r["images"]) for r in rows) == 6


def test_accept_safe_then_history_and_revert(db, capsys):
    assert main(["suggestions", "accept", "--safe", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "accepted" in out
    assert main(["history", "--db", str(db), "--json"]) == 0
    history = json.loads(capsys.readouterr().out)
    with_num = [h for h in history if "NUM001" in h["cause"].split(",")]
    assert with_num and all(h["before"] != h["after"] for h in with_num)
    rid = with_num[0]["id"]
    assert main(["revert", str(rid), "--db", str(db)]) == 0
    assert "reverted revision" in capsys.readouterr().out


def test_fixes_list_json_and_filters(db, capsys):
    assert main(["fixes", "list", "--db", str(db), "--rule", "NUM001", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert len(items) == 17
    assert {i["safety"] for i in items} == {"safe"}


def test_rules_catalogue(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    for code in ("NUM001", "NUM002", "PUN001", "STR001", "STR002", "TAG001", "LINK001"):
        assert code in out
    assert main(["rules", "--json"]) == 0
    codes = {c["code"]: c for c in json.loads(capsys.readouterr().out)}
    assert codes["TAG002"]["kind"] == "tag" and codes["LINK001"]["group"] == "stable"
    assert {c["group"] for c in codes.values()} <= {"stable", "retired"}
    assert main(["rules", "tag001"]) == 0
    assert "## Fix safety" in capsys.readouterr().out


def test_every_code_in_the_sample_project_is_in_the_catalogue(db, capsys):
    """What `curator rules` lists covers every code the database stores."""
    from app.storage.db import open_project

    assert main(["rules", "--json"]) == 0
    listed = {c["code"] for c in json.loads(capsys.readouterr().out)}
    with open_project(db) as p:
        stored = {
            r[0]
            for r in p.conn.execute(
                "SELECT rule FROM suggestion UNION SELECT rule FROM tag_suggestion"
            )
        }
    assert stored and stored <= listed
    assert "LINK001" in listed


def test_suggestions_is_the_command_and_fixes_its_old_name(db, capsys):
    assert main(["suggestions", "list", "--db", str(db), "--rule", "NUM002", "--json"]) == 0
    new = json.loads(capsys.readouterr().out)
    assert main(["fixes", "list", "--db", str(db), "--rule", "NUM002", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == new and len(new) == 1


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(256),
    ],
    ids=["empty", "binary", "jpeg-renamed-txt"],
)
def test_bad_sources_exit_1_with_one_line_and_change_nothing(db, tmp_path, content):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    before = db.read_bytes()
    r = curator("import", str(bad), "--db", str(db))
    assert r.returncode == 1
    lines = r.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr.decode()
    assert db.read_bytes() == before


def test_undetectable_encoding_exits_1(tmp_path):
    bad = tmp_path / "odd.txt"
    bad.write_bytes("【标题】".encode() + b"\x81\x20\xff\xfe\x80" * 30)
    r = curator("import", str(bad), "--db", str(tmp_path / "x.db"))
    assert r.returncode == 1
    assert "--encoding" in r.stderr.decode()


def test_usage_errors_exit_2():
    r = curator("export", "--format", "pdf", "--out", "x")
    assert r.returncode == 2
    assert len(r.stderr.decode().strip().splitlines()) == 1
    r = curator("frobnicate")
    assert r.returncode == 2


def test_missing_project_is_a_clear_error(tmp_path):
    r = curator("info", "--db", str(tmp_path / "none.db"))
    assert r.returncode == 1
    assert "no project" in r.stderr.decode()


def test_db_from_environment(db):
    r = curator("info", "--json", env={"CURATOR_DB": str(db)})
    assert r.returncode == 0
    info = json.loads(r.stdout)
    assert info["entries"] == 17 and info["photos"] == 6
    assert info["missing_photos"] == []


def test_convert_stdin_to_stdout():
    r = curator("convert", "--config", "s2t", input="市总工会下发通知\n".encode())
    assert r.returncode == 0
    assert r.stdout.decode() == "市總工會下發通知\n"


def test_check_and_backup(db, tmp_path, capsys):
    assert main(["check", "--db", str(db)]) == 0
    copy = tmp_path / "copy.db"
    assert main(["backup", "--db", str(db), str(copy)]) == 0
    assert main(["check", "--db", str(copy)]) == 0
    assert main(["info", "--db", str(copy), "--json"]) == 0


def test_replace_dry_run_then_apply(db, capsys):
    assert main(["replace", "--db", str(db), "再就业", "再就業", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "dry run" in out
    assert main(["replace", "--db", str(db), r"(\d)\n(\d{3})", r"\1\2", "--regex"]) == 0
    assert "replaced" in capsys.readouterr().out


def test_export_xlsx_holds_the_corpus(db, tmp_path):
    from app.domain.export.xlsx import read_xlsx

    out = tmp_path / "x.xlsx"
    assert main(["export", "--db", str(db), "--format", "xlsx", "--out", str(out)]) == 0
    rows = read_xlsx(out)
    assert len(rows) == 17 and rows[0]["authors"] == "陈晖"


def _previewed(db, capsys, find: str, replace: str) -> list[str]:
    """The numbered lines of a dry run."""
    assert main(["replace", "--db", str(db), find, replace, "--dry-run"]) == 0
    return [line for line in capsys.readouterr().out.splitlines() if f"[{find}→" in line]


def test_replace_only_the_chosen_matches_of_the_preview(db, capsys):
    """`--only N,M` applies those matches of the numbered preview, as the window's
    checklist does (the same storage function), and leaves the others."""
    listed = _previewed(db, capsys, "工会", "工會")
    assert len(listed) > 3 and [line.split()[0] for line in listed[:3]] == ["1", "2", "3"]
    already = len(_previewed(db, capsys, "工會", "x"))
    assert main(["replace", "--db", str(db), "工会", "工會", "--only", "1,3"]) == 0
    out = capsys.readouterr().out
    assert "replaced 2 match(es)" in out
    assert [line.split()[1] for line in out.splitlines() if line.startswith("✓")] == ["1", "3"]
    left = _previewed(db, capsys, "工会", "工會")
    assert [line.split(None, 1)[1] for line in left] == [
        line.split(None, 1)[1] for n, line in enumerate(listed, 1) if n not in (1, 3)
    ]
    assert len(_previewed(db, capsys, "工會", "x")) == already + 2


def test_replace_only_refuses_a_number_the_preview_does_not_list(db, capsys):
    before = _previewed(db, capsys, "工会", "工會")
    code = main(["replace", "--db", str(db), "工会", "工會", "--only", "1,999"])
    err = capsys.readouterr().err
    assert code == 1 and "no match 999" in err and "nothing changed" in err
    assert _previewed(db, capsys, "工会", "工會") == before
    assert main(["replace", "--db", str(db), "工会", "x", "--only", "2-a"]) == 2
    assert "not a match number or range: '2-a'" in capsys.readouterr().err
