import multiprocessing

# The window's import runs in a child process; in the standalone bundle that child is
# this same executable started again, and it becomes the child here (elsewhere a no-op).
multiprocessing.freeze_support()

from app.cli import main  # noqa: E402

raise SystemExit(main())
