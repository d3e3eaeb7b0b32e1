"""The real main window, shown on a project, for tests that drive it."""

from __future__ import annotations

from contextlib import contextmanager


def shown_window(project, qtbot):
    """A MainWindow on ``project`` (or None: no project), shown and exposed; qtbot closes
    it with the test. Callers that need the image thread stopped first close it themselves."""
    from app.ui.mainwindow import MainWindow

    w = MainWindow(project, remember=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@contextmanager
def window_on(db, qtbot, source):
    """Import ``source`` into a new project at ``db`` and yield (window, project), the
    window shown on it; both are closed afterwards."""
    from app.storage.db import open_project
    from app.storage.importer import import_source

    with open_project(db) as project:
        import_source(project, source)
    project = open_project(db)
    w = shown_window(project, qtbot)
    try:
        yield w, project
    finally:
        w.close()
        project.close()


def stored_authors(project, entry_id: int) -> list[str]:
    """An entry's authors as the project file holds them, in order (read with plain SQL,
    so a test checks the window against storage, not against itself)."""
    return [
        r[0]
        for r in project.conn.execute(
            "SELECT p.name FROM attribution a JOIN person p ON p.id = a.person_id"
            " WHERE a.entry_id = ? ORDER BY a.position",
            (entry_id,),
        )
    ]
