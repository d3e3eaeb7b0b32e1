"""One table of actions: the menus, the shortcut help and the README's key list read it."""

from __future__ import annotations

import re

from app.ui import actions
from tests.paths import README


def test_every_action_of_the_table_is_in_its_menu_with_its_keys(window):
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    titles = [actions.tr(text) for _key, text in actions.MENUS]
    assert list(menus) == titles
    by_menu = dict(zip((k for k, _t in actions.MENUS), menus.values(), strict=True))
    for spec in actions.ACTIONS:
        menu = by_menu[spec.menu]
        if isinstance(spec, actions.Submenu):
            assert menu.findChild(type(menu), f"menu_{spec.name}") is not None
            continue
        action = window.actions_by_name[spec.name]
        assert action in menu.actions(), spec.name
        assert [k.toString() for k in action.shortcuts()] == [
            seq.toString() for k in spec.keys for seq in actions.sequences(k)
        ], spec.name


def test_shortcut_help_lists_every_key():
    text = actions.key_list_text()
    for spec in actions.ACTIONS:
        for key in getattr(spec, "keys", ()):
            assert actions.key_text(key) in text, key
    assert "accept / reject, in the suggestion list" in text


def test_the_readme_key_list_is_the_table():
    """Regenerate with: python -m app.ui.actions (between the markers in README.md)."""
    readme = README.read_text(encoding="utf-8")
    m = re.search(r"<!-- keys -->\n(.*?)\n<!-- /keys -->", readme, re.S)
    assert m, "README.md lacks the <!-- keys --> section"
    assert m.group(1) == actions.key_list_markdown()
