import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path

import bagit
import pytest

from app.domain.export import ExportError, export_corpus
from app.domain.export.bag import portable_name, unique_name


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_sample_bag_validates_and_holds_copies(sample_with_images, image_dir, tmp_path):
    before = {p.name: _sha(p) for p in image_dir.iterdir()}
    out = tmp_path / "bag"
    report = export_corpus(sample_with_images, "jsonl", out, bagit=True)
    bag = bagit.Bag(str(out))
    bag.validate()
    assert report.bag and report.photos == 6 and report.records == 17
    assert "sha256" in bag.algorithms
    data = out / "data"
    assert (data / "sample.jsonl").is_file()
    assert _sha(data / "sample.jsonl") == report.sha256
    for name, digest in before.items():
        assert _sha(data / "images" / name) == digest
    # Copied, never moved; nothing left beside the bag.
    assert {p.name: _sha(p) for p in image_dir.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bag", "src"]
    sidecar = json.loads((data / "photos.json").read_text())
    assert len(sidecar) == 6
    assert sidecar[0]["caption"].endswith("十佳创业带头人") and sidecar[0]["photographers"] == [
        "张鸿祥"
    ]
    assert sidecar[0]["file"] == "images/00703786.jpg"
    info = bag.info
    assert info["Export-Format"] == "jsonl"
    assert "000_87c299a4ca3d8bb6.txt" in info["Source-File"]


def test_tampering_or_deleting_fails_validation(sample_with_images, tmp_path):
    out = tmp_path / "bag"
    export_corpus(sample_with_images, "tei", out, bagit=True)
    photo = out / "data" / "images" / "00703787.jpg"
    raw = bytearray(photo.read_bytes())
    raw[10] ^= 1
    photo.write_bytes(bytes(raw))
    with pytest.raises(bagit.BagValidationError, match=r"00703787\.jpg"):
        bagit.Bag(str(out)).validate()
    photo.unlink()
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(out)).validate(fast=True)


def test_markdown_in_a_bag_links_to_the_copies(sample_with_images, tmp_path):
    out = tmp_path / "bag"
    export_corpus(sample_with_images, "md", out, bagit=True)
    text = (out / "data" / "sample.md").read_text()
    assert "![image](images/00703786.jpg)" in text
    bagit.Bag(str(out)).validate()


def test_missing_symlinked_and_colliding_photos(builders, sample_bytes, tmp_path):
    root = tmp_path / "src"
    (root / "images").mkdir(parents=True)
    (root / "a").mkdir()
    (root / "b").mkdir()
    (root / "a" / "1.jpg").write_bytes(b"one")
    (root / "b" / "1.jpg").write_bytes(b"two")
    (root / "A.JPG").write_bytes(b"upper")
    (root / "a.jpg").write_bytes(b"lower")
    (root / "1956 合影(一).jpg").write_bytes(b"spaces")
    (root / "CON.jpg").write_bytes(b"reserved")
    outside = tmp_path / "secret.txt"
    outside.write_bytes(b"secret")
    (root / "link.jpg").symlink_to(outside)
    corpus = builders.from_bytes(sample_bytes, images_dir=root)
    files = [
        root / "a" / "1.jpg",
        root / "b" / "1.jpg",
        root / "A.JPG",
        root / "a.jpg",
        root / "1956 合影(一).jpg",
        root / "link.jpg",
    ]
    it = iter(files)
    corpus = builders.photos(corpus, lambda p: replace(p, file=str(next(it)), file_status="ok"))
    # One more photo that storage could not find.
    missing = replace(
        corpus.photos[0], id=999, file=None, file_status="missing", file_problem="file not found"
    )
    corpus = replace(corpus, blocks=(*corpus.blocks, missing))
    out = tmp_path / "bag"
    report = export_corpus(corpus, "md", out, bagit=True)
    bagit.Bag(str(out)).validate()
    names = sorted(p.name for p in (out / "data" / "images").iterdir())
    assert names == ["1-2.jpg", "1.jpg", "1956_合影_一_.jpg", "A.JPG", "a-2.jpg"]
    assert len({n.casefold() for n in names}) == len(names)
    copied = {(out / "data" / "images" / n).read_bytes() for n in names}
    assert copied == {b"one", b"two", b"upper", b"lower", b"spaces"}
    assert b"secret" not in b"".join(
        p.read_bytes() for p in (out / "data").rglob("*") if p.is_file()
    )
    assert any("not a regular file" in w for w in report.warnings)
    assert any("photo 999" in w and "file not found" in w for w in report.warnings)
    md = (out / "data" / "sample.md").read_text()
    assert "](images/1956_合影_一_.jpg)" in md


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("1956 合影(一).jpg", "1956_合影_一_.jpg"),
        ("CON.jpg", "_CON.jpg"),
        ("a:b*c?.png", "a_b_c_.png"),
        (" .hidden. ", "hidden"),
        ("../../etc/passwd", "passwd"),
        ("", "photo"),
    ],
)
def test_portable_names(name, expected):
    assert portable_name(name) == expected


def test_unique_names_ignore_case():
    taken: set[str] = set()
    assert [unique_name(n, taken) for n in ["A.jpg", "a.jpg", "a.jpg", "b"]] == [
        "A.jpg",
        "a-2.jpg",
        "a-3.jpg",
        "b",
    ]


def test_refuses_to_replace_a_folder_that_is_not_a_bag(sample_corpus, tmp_path):
    out = tmp_path / "photos"
    out.mkdir()
    (out / "keep.jpg").write_bytes(b"mine")
    with pytest.raises(ExportError, match="not a previous bag"):
        export_corpus(sample_corpus, "csv", out, bagit=True)
    assert (out / "keep.jpg").read_bytes() == b"mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photos"]


def test_replaces_a_previous_bag(sample_with_images, tmp_path):
    out = tmp_path / "bag"
    export_corpus(sample_with_images, "csv", out, bagit=True)
    export_corpus(sample_with_images, "txt", out, bagit=True)
    bag = bagit.Bag(str(out))
    bag.validate()
    assert (out / "data" / "sample.txt").is_file() and not (out / "data" / "sample.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bag", "src"]


def test_cancel_leaves_nothing(sample_with_images, tmp_path):
    out = tmp_path / "bag"
    cwd = os.getcwd()
    with pytest.raises(ExportError, match="cancelled"):
        export_corpus(sample_with_images, "jsonl", out, bagit=True, progress=lambda d, t: d < 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["src"]
    assert os.getcwd() == cwd


def test_bag_is_bagit_1_0_with_the_original_source_and_settings(sample_with_images, tmp_path):
    from app.domain.settings import Settings
    from tests.paths import SAMPLE

    corpus = replace(
        sample_with_images,
        settings=Settings(title="上海杨浦年鉴（节选）", organisation="上海市杨浦区档案馆"),
    )
    out = tmp_path / "bag"
    report = export_corpus(corpus, "tei", out, bagit=True)
    bag = bagit.Bag(str(out))
    assert bag.version_info == (1, 0)
    assert (out / "bagit.txt").read_bytes() == (
        b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    )
    bag.validate()
    assert sorted(bag.algorithms) == ["sha256", "sha512"]
    # The source as imported, byte for byte, beside the export and the photographs.
    source = out / "data" / "source" / "000_87c299a4ca3d8bb6.txt"
    assert source.read_bytes() == SAMPLE.read_bytes()
    assert "data/source/000_87c299a4ca3d8bb6.txt" in bag.payload_entries()
    assert report.sha256 == _sha(out / "data" / "sample.xml")
    info = bag.info
    assert info["Source-Organization"] == "上海市杨浦区档案馆"
    assert info["External-Description"].startswith("上海杨浦年鉴（节选）: export of the project")
    assert info["Source-File"].startswith("source/000_87c299a4ca3d8bb6.txt sha256:")
    # Tampering with the source copy is caught like any payload file.
    source.write_bytes(source.read_bytes() + b"x")
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(out)).validate()


def test_without_an_organisation_the_bag_names_none(sample_with_images, tmp_path):
    out = tmp_path / "bag"
    export_corpus(sample_with_images, "md", out, bagit=True)
    info = bagit.Bag(str(out)).info
    assert "Source-Organization" not in info  # never "Yearbook Curator" (not the source)
    assert info["Bag-Software-Agent"].startswith("bagit.py")


def test_a_source_whose_bytes_do_not_match_its_hash_is_refused(sample_with_images, tmp_path):
    damaged = replace(sample_with_images, read_source=lambda sid: iter([b"not the source"]))
    out = tmp_path / "bag"
    with pytest.raises(ExportError, match="do not match the sha256"):
        export_corpus(damaged, "jsonl", out, bagit=True)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["src"]


@pytest.mark.parametrize("photos", [0, 1, 6])
def test_photos_json_is_written_as_json_dump_writes_the_list(sample_corpus, tmp_path, photos):
    # Written an object at a time (no list of every photo held): the same text as
    # json.dump of the whole list with indent=1, for none, one and several photos.
    from app.domain.corpus import PhotoRecord
    from app.domain.export.bag import sidecar, write_sidecar
    from app.domain.export.common import ExportContext

    kept = [b for b in sample_corpus.blocks if isinstance(b, PhotoRecord)][:photos]
    blocks = tuple(b for b in sample_corpus.blocks if not isinstance(b, PhotoRecord)) + tuple(kept)
    ctx = ExportContext(replace(sample_corpus, blocks=blocks))
    plan = {p.id: (tmp_path / "x.jpg", f"n{p.id}.jpg") for p in kept[:1]}
    write_sidecar(ctx, tmp_path, plan)
    expected = json.dumps(sidecar(ctx, plan), ensure_ascii=True, allow_nan=False, indent=1)
    assert (tmp_path / "photos.json").read_text(encoding="utf-8") == expected + "\n"
    assert len(json.loads(expected)) == photos
