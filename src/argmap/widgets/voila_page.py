"""The class app's page under Voilà is never blank: it says "Starting your workbench…"
in its first bytes, counts the seconds while a kernel starts or waits for one of the
pool, and if the start fails, says what happened and what to do.

Voilà (0.5) sends nothing until it has a kernel: a learner who arrives when the pool is
used up sees a white page while a kernel starts (up to 12 s on a busy machine), then
Voilà's own "Executing N of M".  :func:`install` makes Voilà's page handler write a
short page first (a status line with a timer), then Voilà's page as it comes; the
status line goes away when the workbench is shown.  The app's ``voila.py`` (beside
notebook 08) calls it, so ``voila`` started in that folder serves the page this way.
"""

from __future__ import annotations

import html
from typing import Any

__all__ = ["FAILED", "STARTING", "failed_html", "install", "starting_html"]


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    """A Jupyter server extension too (a JupyterHub's single-user servers serve Voilà
    as one): ``--ServerApp.jpserver_extensions=argmap.widgets.voila_page=True``."""
    return [{"module": "argmap.widgets.voila_page"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    if not install():
        serverapp.log.warning("argmap: this Voilà's page handler is not the one expected; pages start blank")


#: What the page says before Voilà has a kernel for the learner.
STARTING = "Starting your workbench… this can take up to a minute when the class arrives together."
#: What to do when the start failed.
FAILED = "Reload this page in a minute. If it fails again, tell your teacher."

# Hidden once Voilà shows the rendered notebook (its #rendered_cells); until then the
# seconds count up, so a learner sees the page is alive while the kernel starts.
_SCRIPT = """<script>
(function () {
  var t0 = Date.now();
  var timer = setInterval(function () {
    var box = document.getElementById("argmap-starting");
    if (!box) { clearInterval(timer); return; }
    var cells = document.getElementById("rendered_cells");
    if (cells && getComputedStyle(cells).display !== "none") {
      box.remove(); clearInterval(timer); return;
    }
    var s = Math.round((Date.now() - t0) / 1000);
    document.getElementById("argmap-waited").textContent = "waiting " + s + " s";
  }, 500);
})();
</script>
"""

# The failure may come when part of Voilà's page is there, inside its hidden cells:
# the message moves to the top of the page, and the status line and Voilà's spinner go.
_FAILED_SCRIPT = """<script>
(function () {
  var failed = document.getElementById("argmap-failed");
  document.body.insertBefore(failed, document.body.firstChild);
  ["argmap-starting", "loading"].forEach(function (id) {
    var el = document.getElementById(id);
    if (el) el.remove();
  });
})();
</script>
"""

_STYLE = (
    "font-family:sans-serif;font-size:16px;line-height:1.4;margin:0;padding:12px 20px;"
    "background:#f3f6f9;border-bottom:1px solid #c9d3dd;color:#1a1a1a;position:sticky;top:0;z-index:1000"
)


def starting_html() -> str:
    """The page's first bytes: a status line saying the workbench is starting, with a
    timer.  It opens the document (``<!DOCTYPE html>``, UTF-8) and leaves ``<body>``
    without attributes, so Voilà's page that follows keeps its own."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>argmap workbench</title></head><body>\n"
        f'<div id="argmap-starting" role="status" aria-live="polite" style="{_STYLE}">'
        f"<strong>{html.escape(STARTING)}</strong> "
        '<progress aria-label="starting"></progress> <span id="argmap-waited">waiting 0 s</span></div>\n'
        + _SCRIPT
    )


def failed_html(error: BaseException, *, detail: bool = False) -> str:
    """What the page says when the workbench did not start, and what to do (the status
    line goes).  The error itself is shown only with ``detail`` (Voilà's
    ``show_tracebacks``): it can name the server's files; the app's window logs it."""
    what = " ".join(f"{type(error).__name__}: {error}".split())
    if len(what) > 300:
        what = what[:299] + "…"
    said = f"What happened: {html.escape(what)}" if detail else "The app's window on the server says why."
    return (
        f'<div id="argmap-failed" role="alert" style="{_STYLE};background:#fff3f0;border-color:#d55e00">'
        f"<strong>Your workbench did not start.</strong> {html.escape(FAILED)}"
        f"<br><small>{said}</small></div>\n" + _FAILED_SCRIPT
    )


def install() -> bool:
    """Make Voilà's page handler send :func:`starting_html` first (once; ``False`` when
    this Voilà has no handler of the expected shape, which then serves as before)."""
    try:
        from tornado.web import authenticated
        from voila.tornado.handler import TornadoVoilaHandler
    except ImportError:
        return False
    if getattr(TornadoVoilaHandler.get, "_argmap_starting", False):
        return True
    if not hasattr(TornadoVoilaHandler, "get_generator"):
        return False

    @authenticated
    async def get(self: Any, path: str | None = None) -> None:
        single = getattr(self, "notebook_path", None)
        if (single and path) or not str(single or path or "").lower().endswith(".ipynb"):
            # a file beside the notebook, or not a notebook: Voilà may redirect, so
            # nothing may be written first
            await _stream(self, path)
            return
        self.set_header("Cache-Control", "no-cache, no-store, must-revalidate")
        self.write(starting_html())
        await self.flush()
        try:
            await _stream(self, path)
        except Exception as exc:  # noqa: BLE001 - any failed start is said on the page, and logged
            self.log.exception("argmap: the workbench did not start")
            detail = bool(getattr(self.voila_configuration, "show_tracebacks", False))
            self.write(failed_html(exc, detail=detail))

    get._argmap_starting = True  # type: ignore[attr-defined]
    TornadoVoilaHandler.get = get
    return True


async def _stream(handler: Any, path: str | None) -> None:
    async for chunk in handler.get_generator(path=path):
        handler.write(chunk)
        handler.flush()  # as Voilà's own handler: sent as it comes, not awaited
