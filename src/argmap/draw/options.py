"""What a picture of a map shows: one frozen, typed set of options.  Pure.

Every function that draws a map (``argmap.show``, ``render``, the class view, the
printed pages …) takes its options as one :class:`PictureOptions`, or as the familiar
keyword arguments (``detail="full"``, ``focus="[Title]"``, ``depth=2`` …), typed by
:class:`PictureArgs` and made into one by :func:`picture_options`.  The values are
checked once, when the options are made: a bad one is quoted with the valid ones.

>>> PictureOptions(detail="full").detail
'full'
>>> PictureOptions(detail="some")
Traceback (most recent call last):
...
ValueError: unknown detail 'some'; valid: auto, full, compact
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypedDict

from .style import NodeStyle, PageOptions

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["DETAILS", "RANKDIRS", "PictureArgs", "PictureOptions", "picture_options"]

#: ``detail``: ``auto`` folds evidence into counts on big maps, ``full`` never, ``compact`` always.
DETAILS = ("auto", "full", "compact")
#: ``rankdir``: ``auto`` picks the orientation that reads at notebook width.
RANKDIRS = ("auto", "BT", "TB", "LR", "RL")
#: Label width (characters) when the options leave it open, on screen.
WRAP = 28


@dataclass(frozen=True)
class PictureOptions:
    """What one picture of a map shows, and how.

    ``focus`` draws the argument downward from one statement or argument (``[Title]``,
    ``<Title>`` or the bare title), ``depth`` steps deep (None: all the way);
    ``include`` keeps only the named statements and arguments; ``levels`` keeps only
    that many levels under the map's roots; ``stop``: titles a focused view shows
    but does not open.  ``detail``: see :data:`DETAILS`; ``rankdir``: see
    :data:`RANKDIRS`; ``wrap``: label width in characters (None: the view's own,
    :data:`WRAP` on screen).  ``legend``: draw the key (``key_note`` heads its rows);
    ``edge_words``: the words on lines; ``sections``: the map's headings as grey
    groups.  ``page`` fits the picture to one page of paper (a PDF of a map too big
    for it is printed over several); ``annotations_style`` badges nodes by title.

    Options that fix the one picture (``focus``, ``include``, ``wrap``, ``levels``,
    ``page``, ``annotations_style``, a ``rankdir`` other than ``auto``) keep a big map
    from being shown as its overview and lines.
    """

    focus: str | None = None
    depth: int | None = None
    include: Iterable[str] | None = None
    detail: str = "auto"
    rankdir: str = "auto"
    wrap: int | None = None
    levels: int | None = None
    stop: Iterable[str] = ()
    legend: bool = True
    key_note: str = ""
    edge_words: bool = True
    sections: bool = True
    page: PageOptions | None = None
    annotations_style: Mapping[str, NodeStyle] | None = None

    def __post_init__(self) -> None:
        if self.detail not in DETAILS:
            raise ValueError(f"unknown detail {self.detail!r}; valid: {', '.join(DETAILS)}")
        if self.rankdir not in RANKDIRS:
            raise ValueError(f"unknown rankdir {self.rankdir!r}; valid: {', '.join(RANKDIRS)}")
        whole = isinstance(self.wrap, int) and not isinstance(self.wrap, bool)
        if self.wrap is not None and not (whole and self.wrap >= 1):
            raise ValueError(f"wrap must be a whole number of characters, 1 or more, not {self.wrap!r}")
        if self.page is not None and not isinstance(self.page, PageOptions):
            raise ValueError(f"page must be PageOptions(size, orientation), not {self.page!r}")
        # kept as given, but never a one-shot iterator read up by the first view
        if self.include is not None and not isinstance(self.include, (tuple, frozenset)):
            object.__setattr__(self, "include", tuple(self.include))
        if not isinstance(self.stop, (tuple, frozenset)):
            object.__setattr__(self, "stop", tuple(self.stop))

    @property
    def label_width(self) -> int:
        """``wrap``, or the screen's :data:`WRAP` when the options leave it open."""
        return WRAP if self.wrap is None else self.wrap

    @property
    def pinned(self) -> bool:
        """Do these options fix the one picture (so that a big map is not split into
        its overview and lines)?"""
        fixing = (self.focus, self.include, self.wrap, self.levels, self.page, self.annotations_style)
        return any(x is not None for x in fixing) or self.rankdir != "auto"


class PictureArgs(TypedDict, total=False):
    """:class:`PictureOptions` as keyword arguments (``render(m, "svg", detail="full")``)."""

    focus: str | None
    depth: int | None
    include: Iterable[str] | None
    detail: str
    rankdir: str
    wrap: int | None
    levels: int | None
    stop: Iterable[str]
    legend: bool
    key_note: str
    edge_words: bool
    sections: bool
    page: PageOptions | None
    annotations_style: Mapping[str, NodeStyle] | None


def picture_options(
    picture: PictureOptions | None = None, /, **options: Unpack[PictureArgs]
) -> PictureOptions:
    """One :class:`PictureOptions`: ``picture`` (default: the defaults) with the keyword
    arguments given put in.

    >>> picture_options(PictureOptions(detail="full"), focus="[Syria]").focus
    '[Syria]'
    """
    if picture is None:
        return PictureOptions(**options)
    return replace(picture, **options) if options else picture
