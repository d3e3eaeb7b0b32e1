"""Annotations on a photo's caption, marked where the photo panel shows the caption:
each annotated span on a tint of its kind's colour (red text when it needs review), the
kinds the legend hides left plain, and a tooltip listing them."""

from __future__ import annotations

import html
from itertools import pairwise

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from app.domain.annotation.model import Annotation

from .annotation_panel import KIND_COLOURS, kind_name
from .text import tooltip


def _tint(colour: str, alpha: float = 0.25) -> str:
    """The kind's colour over white (QLabel's rich text has no alpha)."""
    c = QColor(colour)
    mix = (round(255 + (v - 255) * alpha) for v in (c.red(), c.green(), c.blue()))
    return "#{:02x}{:02x}{:02x}".format(*mix)


def marked_spans(
    caption: str, annotations: list[Annotation]
) -> list[tuple[str, Annotation | None]]:
    """The caption cut where annotations start and end: (text, the innermost annotation
    covering it or None). Annotations outside the text are left out."""
    inside = [a for a in annotations if 0 <= a.start < a.end <= len(caption)]
    cuts = sorted({0, len(caption), *(a.start for a in inside), *(a.end for a in inside)})
    out: list[tuple[str, Annotation | None]] = []
    for start, end in pairwise(cuts):
        covering = [a for a in inside if a.start <= start and end <= a.end]
        innermost = min(covering, key=lambda a: a.end - a.start) if covering else None
        out.append((caption[start:end], innermost))
    return out


def caption_html(caption: str, annotations: list[Annotation]) -> str:
    parts = []
    for text, a in marked_spans(caption, annotations):
        shown = html.escape(text, quote=False).replace("\n", "<br>")
        if a is None:
            parts.append(shown)
            continue
        style = f"background-color:{_tint(KIND_COLOURS.get(a.kind, '#868e96'))};"
        if a.status == "needs_review":
            style += "color:#e03131;"
        parts.append(f'<span style="{style}">{shown}</span>')
    return "".join(parts)


def show_caption(label: QLabel, caption: str, annotations: list[Annotation]) -> None:
    """Show ``caption`` in ``label`` with ``annotations`` (those of the kinds shown)."""
    if not annotations:
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setText(caption)
        label.setToolTip("")
        return
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(caption_html(caption, annotations))
    review = QCoreApplication.translate("Annotations", "needs review")
    label.setToolTip(
        tooltip(
            "\n".join(
                f"{kind_name(a.kind)}: {a.quote}" + (f"  ⚠ {review}" if a.status != "ok" else "")
                for a in annotations
            )
        )
    )
