"""The window's export reads the corpus as the CLI does: streamed, a page at a time
(issue 16 item 6), never the whole corpus held by snapshot()."""

from __future__ import annotations

import json

import app.storage.snapshot as snap


def test_the_window_export_streams_the_corpus(window, tmp_path, monkeypatch):
    from app.ui.dialogs import ExportDialog

    def held(*_a, **_k):
        raise AssertionError("the window's export read the whole corpus (snapshot)")

    monkeypatch.setattr(snap, "snapshot", held)
    streamed: list[bool] = []
    real = snap.streaming_snapshot

    def counting(*a, **k):
        streamed.append(True)
        return real(*a, **k)

    monkeypatch.setattr(snap, "streaming_snapshot", counting)
    out = tmp_path / "corpus.jsonl"
    said: list[str] = []

    def answer(dialog) -> bool:
        if isinstance(dialog, ExportDialog):
            dialog.format.setCurrentIndex(dialog.format.findData("jsonl"))
            dialog.out.setText(str(out))
            dialog.accept()
            return bool(dialog.result())
        said.append(dialog.text())
        return True

    window.session.run_dialog = answer
    window.files.export()
    assert streamed == [True]
    assert said and str(out) in said[-1]
    lines = out.read_bytes().splitlines()
    entries = window.session.project.scalar("SELECT count(*) FROM entry")
    assert len(lines) == entries and json.loads(lines[0])["schema_version"]
