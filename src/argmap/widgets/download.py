"""A download button for bytes made in the kernel (an exported PDF).

It works the same in JupyterLab, Notebook 7 and Voilà: the bytes travel over the
widget's channel and the browser saves them itself, so there is no file link for
the server to refuse (Voilà serves no files from the notebook's folder).
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

__all__ = ["Download"]

_HERE = Path(__file__).parent


class Download(anywidget.AnyWidget):
    """A button that saves ``data`` as ``filename``; disabled (saying ``waiting``) until set."""

    _esm = _HERE / "download.js"

    filename = traitlets.Unicode("").tag(sync=True)
    data = traitlets.Bytes(b"").tag(sync=True)
    mime = traitlets.Unicode("application/pdf").tag(sync=True)
    waiting = traitlets.Unicode("Nothing to download yet").tag(sync=True)
    #: The button's words once there is something to save (default: "Download <file name>");
    #: the file name is always in its tooltip and its accessible name.
    label = traitlets.Unicode("").tag(sync=True)

    def offer(self, filename: str, data: bytes, mime: str = "application/pdf") -> None:
        """Make ``data`` downloadable as ``filename``."""
        with self.hold_sync():
            self.mime = mime
            self.filename = filename
            self.data = data
