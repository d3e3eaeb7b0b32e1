from dataclasses import replace

import pytest

from app.domain.export import ExportError, export_corpus


def test_one_block_per_entry_title_first_attribution_last(sample_corpus, tmp_path):
    out = tmp_path / "x.txt"
    report = export_corpus(sample_corpus, "txt", out)
    blocks = out.read_text(encoding="utf-8").split("\n\n")
    assert len(blocks) == 17 == report.records
    first = blocks[0].split("\n")
    assert first[0] == sample_corpus.entries[0].title
    assert first[-1] == "（陈晖）"
    assert any(
        line.startswith("[图] ") and line.endswith("（张鸿祥摄）")
        for b in blocks
        for line in b.split("\n")
    )


def test_lone_surrogate_names_the_entry(builders, sample_corpus, tmp_path):
    edited = builders.entries(
        sample_corpus, lambda e: replace(e, title="\ud800") if e.number == 5 else e
    )
    with pytest.raises(ExportError, match=r"entry \d+: .*surrogate"):
        export_corpus(edited, "txt", tmp_path / "x.txt")
    assert list(tmp_path.iterdir()) == []
