"""The large-volume generator: the parser sees exactly what was asked for, artifacts included."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.domain.parser import parse
from bench.generate import find_sample, generate, main


@pytest.fixture(scope="module")
def volume(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = generate(200, tmp_path_factory.mktemp("gen") / "vol.txt")
    return path, path.read_text(encoding="utf-8")


def test_counts_and_byte_exact_reassembly(volume: tuple[Path, str]) -> None:
    _, text = volume
    document = parse(text)
    assert len(document.entries) == 200
    assert len(document.photos) == 40
    assert document.reassemble() == text
    assert {b.kind for b in document.blocks} == {"entry", "photo"}


def test_every_entry_is_attributed_and_titles_are_distinct(volume: tuple[Path, str]) -> None:
    document = parse(volume[1])
    assert all(entry.authors for entry in document.entries)
    titles = [entry.title for entry in document.entries]
    assert len(set(titles)) == len(titles)
    assert any(len(entry.authors) >= 2 for entry in document.entries)  # (张三、李四)


def test_ocr_artifacts_are_kept(volume: tuple[Path, str]) -> None:
    _, text = volume
    document = parse(text)
    assert re.search(r"\d\n\d{3}[人名家户个元万余多次册”]", text)  # 5\n987人
    assert re.search(r"\d \d{3}[人名家户个元万余多次册”]", text)  # 1 800人
    assert "," in text and "(" in text  # half-width punctuation inside Chinese
    lost = [entry for entry in document.entries if entry.title_open == ""]
    assert 0 < len(lost) < 200 // 10


def test_photos_link_eight_digit_names_and_credit_a_photographer(
    volume: tuple[Path, str],
) -> None:
    photos = parse(volume[1]).photos
    assert all(re.fullmatch(r"images/\d{8}\.jpg", photo.path) for photo in photos)
    assert len({photo.path for photo in photos}) == len(photos)
    assert all(photo.caption and photo.photographers for photo in photos)
    assert "摄)" in volume[1]


def test_deterministic_and_seeded(tmp_path: Path, volume: tuple[Path, str]) -> None:
    again = generate(200, tmp_path / "again.txt")
    assert again.read_bytes() == volume[0].read_bytes()
    other = generate(200, tmp_path / "other.txt", seed=1)
    assert other.read_bytes() != volume[0].read_bytes()
    assert len(parse(other.read_text(encoding="utf-8")).entries) == 200


@pytest.mark.parametrize(("photo_every", "photos"), [(0, 0), (7, 28), (1, 200)])
def test_photo_every(tmp_path: Path, photo_every: int, photos: int) -> None:
    path = generate(200, tmp_path / "v.txt", photo_every=photo_every)
    document = parse(path.read_text(encoding="utf-8"))
    assert (len(document.entries), len(document.photos)) == (200, photos)


def test_size_is_about_that_of_the_sample_per_entry(volume: tuple[Path, str]) -> None:
    per_entry = volume[0].stat().st_size / 200
    sample = find_sample().stat().st_size / 17
    assert 0.8 * sample < per_entry < 1.25 * sample  # 100,000 entries ≈ 120 MB


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sub" / "cli.txt"
    assert main(["--entries", "30", "--out", str(out), "--photo-every", "3"]) == 0
    document = parse(out.read_text(encoding="utf-8"))
    assert (len(document.entries), len(document.photos)) == (30, 10)
    assert "30 entries" in capsys.readouterr().out
    with pytest.raises(SystemExit) as usage:
        main(["--entries", "-1", "--out", str(out)])
    assert usage.value.code == 2
