"""Photo links never reach outside the folders the user chose (docs/reliability.md X13–X15)."""

from __future__ import annotations

import os

import pytest

from app.domain.paths import LinkResolver, resolve_link


@pytest.fixture
def folders(tmp_path):
    images = tmp_path / "images"
    images.mkdir()
    (images / "a.jpg").write_bytes(b"x")
    (images / "sub").mkdir()
    evil = tmp_path / "images_evil"
    evil.mkdir()
    (evil / "b.jpg").write_bytes(b"x")
    (tmp_path / "secret.txt").write_text("secret")
    os.symlink(tmp_path / "secret.txt", images / "link.jpg")
    os.symlink(evil, images / "dirlink")
    return images


@pytest.mark.parametrize("link", ["images/a.jpg", "a.jpg", "./a.jpg", "images/../a.jpg"])
def test_links_inside_are_found(folders, link):
    r = resolve_link(link, [folders])
    assert r.status == "ok" and r.file == (folders / "a.jpg").resolve()


@pytest.mark.parametrize(
    ("link", "problem"),
    [
        ("../images_evil/b.jpg", "escapes"),
        ("../secret.txt", "escapes"),
        ("link.jpg", "escapes"),
        ("dirlink/b.jpg", "escapes"),
        ("..\\..\\etc\\passwd", "escapes"),
        ("/etc/passwd", "absolute"),
        ("C:\\Windows\\win.ini", "drive"),
        ("\\\\server\\share\\x.jpg", "network"),
        ("file:///etc/passwd", "URL"),
        ("http://example.invalid/a.jpg", "URL"),
        ("a.jpg\x00.png", "NUL"),
        ("", "empty"),
        ("sub", "not a regular file"),
    ],
)
def test_links_outside_or_odd_are_refused(folders, link, problem):
    r = resolve_link(link, [folders])
    assert r.status == "refused" and problem in r.problem and r.file is None


def test_parent_links_are_never_taken_as_a_name_in_the_folder(folders, tmp_path):
    # "../x.jpg" is not "x.jpg" inside the folder, even when such a file exists there.
    (folders / "secret.txt").write_text("inside")
    r = resolve_link("../secret.txt", [folders])
    assert r.status == "refused" and r.file is None


def test_missing_and_percent_encoded_links_are_missing(folders):
    assert resolve_link("none.jpg", [folders]).status == "missing"
    assert resolve_link("%2e%2e/secret.txt", [folders]).status == "missing"


def test_resolver_tries_folders_in_order(folders, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "c.jpg").write_bytes(b"x")
    resolver = LinkResolver([folders, other])
    assert resolver.resolve("c.jpg").file == (other / "c.jpg").resolve()
    assert resolver.resolve("a.jpg").file == (folders / "a.jpg").resolve()
