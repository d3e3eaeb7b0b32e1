"""Project settings: what the exports say about the corpus as a publication.

``title`` (the volume's title), ``editor`` (who edited the corpus), ``organisation``
(who publishes it: the TEI publisher, BagIt's Source-Organization), ``licence`` (the
terms it may be used under, free text; a URL in it becomes the licence's link) and
``language`` (a BCP 47 tag for the text, e.g. ``zh-Hans``). Unset settings are None and
every export says something true without them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

KEYS = ("title", "editor", "organisation", "licence", "language")
MAX_LENGTH = 2000

# BCP 47 in the shape TEI's xml:lang and BagIt use: a language, then subtags.
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_CONTROL = re.compile("[\x00-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_URL = re.compile(r"https?://[^\s<>\"]+")

DEFAULT_LANGUAGE = "zh"


class SettingError(ValueError):
    """A setting name or value that cannot be stored."""


@dataclass(frozen=True)
class Settings:
    title: str | None = None
    editor: str | None = None
    organisation: str | None = None
    licence: str | None = None
    language: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @property
    def licence_url(self) -> str | None:
        """The first http(s) link in the licence statement, if any."""
        if not self.licence:
            return None
        m = _URL.search(self.licence)
        return m.group(0).rstrip(".,;)") if m else None


def check_key(key: str) -> str:
    if key not in KEYS:
        raise SettingError(f"unknown setting {key!r}; choose one of {', '.join(KEYS)}")
    return key


def clean_value(key: str, value: str | None) -> str | None:
    """The value to store: stripped, None for empty; a bad value raises SettingError."""
    check_key(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise SettingError(f"the {key} must be text")
    value = value.strip()
    if not value:
        return None
    if len(value) > MAX_LENGTH:
        raise SettingError(f"the {key} is too long ({len(value)} characters, at most {MAX_LENGTH})")
    if _CONTROL.search(value):
        raise SettingError(f"the {key} must be one line of text (no control characters)")
    if key == "language" and not _LANGUAGE.match(value):
        raise SettingError(
            f"the language must be a BCP 47 tag such as zh, zh-Hans or zh-Hant-TW, not {value!r}"
        )
    return value


_TRADITIONAL = {"t": "Hant", "tw": "Hant-TW", "twp": "Hant-TW", "hk": "Hant-HK"}


def text_language(language: str | None, script: str | None = None) -> str:
    """The xml:lang of the exported text: the setting (default ``zh``), with the script
    subtag the conversion ``script`` (an OpenCC config such as ``s2t``) writes in."""
    tag = language or DEFAULT_LANGUAGE
    if not script:
        return tag
    target = script.split("2", 1)[-1].lower() if "2" in script else ""
    if target == "s":
        subtags = "Hans"
    elif target in _TRADITIONAL:
        subtags = _TRADITIONAL[target]
    else:
        return tag
    base = tag.split("-", 1)[0]
    return f"{base}-{subtags}"
