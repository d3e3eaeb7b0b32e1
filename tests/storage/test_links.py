"""Photo links: confirm, re-link, unlink, several entries; suggestions from captions."""

from __future__ import annotations

import pytest

# Registers the SQL functions the search index's triggers call, before any project opens
# (until opening a project does it itself).
from app.storage import links
from app.storage.db import ProjectError
from app.storage.history import history, revert
from app.storage.revisions import ConflictError
from app.storage.snapshot import snapshot
from app.storage.status import overview


def linked(project, photo_id):
    return [(x.entry_id, x.confirmed) for x in links.photo_links(project, photo_id)]


def test_import_places_each_photo_after_the_preceding_entry_unconfirmed(sample):
    assert [linked(sample, p) for p in range(1, 7)] == [
        [(3, False)], [(7, False)], [(8, False)], [(11, False)], [(16, False)], [(17, False)]
    ]  # fmt: skip


def test_suggestions_on_the_sample(sample):
    """See tests/domain/test_linking.py for the reasoning on each photo."""
    assert links.scan_link_suggestions(sample) == 3
    pending = {s.photo_id: s.entry_id for s in links.list_link_suggestions(sample)}
    assert pending == {3: 6, 4: 17, 5: 15}
    # photo 4 was printed after 11 (奉贤区供销社); the proposal is 17 (农工商).
    assert links.rank_photo(sample, 1).best is None  # 杨浦: stays after entry 3
    assert overview(sample)["pending_suggestions"]["LINK001"] == 3


def test_accept_dismiss_and_remembered(sample):
    links.scan_link_suggestions(sample)
    by_photo = {s.photo_id: s for s in links.list_link_suggestions(sample)}
    rev = links.accept_link_suggestion(sample, by_photo[3].id)
    assert linked(sample, 3) == [(6, True)]
    assert history(sample, "photo_link", 3)[0].cause == "LINK001"
    links.reject_link_suggestion(sample, by_photo[4].id)
    assert links.scan_link_suggestions(sample) == 0
    assert {s.photo_id for s in links.list_link_suggestions(sample)} == {5}
    with pytest.raises(ProjectError, match="already"):
        links.accept_link_suggestion(sample, by_photo[4].id)
    revert(sample, rev)  # back after entry 8, and the suggestion is open again
    assert linked(sample, 3) == [(8, False)]
    assert {s.photo_id for s in links.list_link_suggestions(sample)} == {3, 5}


def test_confirm_relink_also_unlink_and_revert(sample):
    r1 = links.confirm_link(sample, 1)
    assert linked(sample, 1) == [(3, True)]
    links.relink(sample, 2, 12)
    links.add_link(sample, 2, 13)
    assert linked(sample, 2) == [(12, True), (13, True)]
    corpus = snapshot(sample)
    assert [e.photo_ids for e in corpus.entries if e.id in (12, 13)] == [(2,), (2,)]
    links.unlink(sample, 2, 12)
    assert linked(sample, 2) == [(13, True)]
    links.unlink(sample, 2)
    assert linked(sample, 2) == []
    assert overview(sample)["photos_unlinked"] == 1
    revert(sample, r1)
    assert linked(sample, 1) == [(3, False)]


def test_revert_in_order_restores_the_import_links(sample):
    revs = [links.relink(sample, 2, 12), links.add_link(sample, 2, 13), links.unlink(sample, 2, 12)]
    with pytest.raises(ConflictError):
        revert(sample, revs[0])  # newer changes first
    for rev in reversed(revs):
        revert(sample, rev)
    assert linked(sample, 2) == [(7, False)]


def test_manual_relink_settles_the_suggestion(sample):
    links.scan_link_suggestions(sample)
    links.relink(sample, 5, 15)
    assert {s.photo_id for s in links.list_link_suggestions(sample)} == {3, 4}
    links.confirm_link(sample, 4)  # the archivist keeps it after 11: proposal dismissed
    assert {s.photo_id for s in links.list_link_suggestions(sample)} == {3}
    assert links.list_link_suggestions(sample, photo_id=4, status="rejected")


def test_errors(sample):
    with pytest.raises(ProjectError, match="no photo"):
        links.relink(sample, 99, 1)
    with pytest.raises(ProjectError, match="no entry"):
        links.relink(sample, 1, 99)
    with pytest.raises(ProjectError, match="not linked"):
        links.confirm_link(sample, 1, 5)
    assert links.relink(sample, 1, 3, confirmed=False) is not None  # origin becomes manual
    assert links.relink(sample, 1, 3, confirmed=False) is None
