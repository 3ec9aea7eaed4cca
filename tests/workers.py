"""How ``pytest -n N`` (pytest-xdist; ``./dev.sh test`` runs ``-n auto``) shares the
suite out among its workers.

One work unit per file, as ``--dist loadfile``: a notebook's cells run in one kernel
(nbval) and a module-scoped server or site build is made once.  On top of that:

- every file with a real-browser test (``pytest.mark.browser``) is one unit, so the
  JupyterLab, Voilà and hub servers and their Chromium run one at a time, never two
  beside each other on a two-core machine, while the other workers take the rest;
- the browser unit goes out first, then the files with slow tests, then the others
  (most tests first), so the last units handed out are short ones and no worker is
  left with a long file while the others wait.

The controller does not collect, so it sees test ids only: which file holds browser or
slow tests it reads from the file's text (the marks are written ``pytest.mark.NAME``).
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from pathlib import Path

from xdist.scheduler import LoadScopeScheduling

#: The work unit that holds every file with a real-browser test.
BROWSER = "browser-tests"


@functools.cache
def _marks(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # a notebook, or not a file
        return ""
    return "".join(name for name in ("browser", "slow") if f"mark.{name}" in text)


class FileScheduling(LoadScopeScheduling):
    """``--dist loadfile`` with the browser files in one unit, heavy units first."""

    def __init__(self, config, log=None):  # type: ignore[no-untyped-def]
        super().__init__(config, log)
        self.root = Path(config.rootpath)
        self.ordered = False

    def _split_scope(self, nodeid: str) -> str:
        file = nodeid.split("::", 1)[0]
        return BROWSER if "browser" in _marks(self.root / file) else file

    def _rank(self, scope: str) -> int:
        if scope == BROWSER:
            return 0
        return 1 if "slow" in _marks(self.root / scope) else 2

    def _assign_work_unit(self, node):  # type: ignore[no-untyped-def]
        if not self.ordered:  # the queue is complete from the first assignment on
            self.workqueue = OrderedDict(sorted(self.workqueue.items(), key=lambda unit: self._rank(unit[0])))
            self.ordered = True
        super()._assign_work_unit(node)
