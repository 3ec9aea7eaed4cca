"""Node keys, written the way Argdown writes references: ``[Statement]``, ``<Argument>``,
``<Argument>#2``, ``[From] +> [To]``, ``added-1``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..model import NodeRef
from .vocabulary import MAX_NAME

# -- node keys -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """A parsed node key.  Keys are written the way Argdown writes references:

    * ``[Title]`` — a statement;
    * ``<Title>`` — an argument (its judgement rates the argument's last step);
    * ``<Title>#2`` — the second inference step of an argument's premise–conclusion structure;
    * ``[From] +> [To]`` — a support relation between two statements (rated like a one-premise step);
    * ``added-3`` — a node the learner added.
    """

    kind: Literal["statement", "argument", "step", "link", "added"]
    title: str  # statement/argument title, the link's target, or the added id
    step: int | None = None
    source: str | None = None  # a link's source statement

    @property
    def is_inference(self) -> bool:
        """Keys that take strong / weak / none (and answers to critical questions)."""
        return self.kind in ("argument", "step", "link")

    def __str__(self) -> str:
        if self.kind == "statement":
            return f"[{self.title}]"
        if self.kind == "argument":
            return f"<{self.title}>"
        if self.kind == "step":
            return f"<{self.title}>#{self.step}"
        if self.kind == "link":
            return f"[{self.source}] +> [{self.title}]"
        return self.title


_ADDED_ID = re.compile(r"added-([1-9][0-9]{0,8})")
_STEP = re.compile(r"<(.+)>#([1-9][0-9]{0,5})", re.DOTALL)
_LINK_SEP = "] +> ["


def parse_key(key: str) -> Key:
    """Parse a node key; ``ValueError`` says what keys look like.

    >>> parse_key("<Syria>#2")
    Key(kind='step', title='Syria', step=2, source=None)
    """
    if not isinstance(key, str):
        raise TypeError(f"a node key is a str, not {type(key).__name__}")
    if 0 < len(key) <= 2 * MAX_NAME + 8:
        if key.startswith("[") and key.endswith("]"):
            inner = key[1:-1]
            if _LINK_SEP in inner:
                source, _, target = inner.partition(_LINK_SEP)
                if source and target and "]" not in source + target:
                    return Key("link", target, source=source)
            elif inner and "]" not in inner:
                return Key("statement", inner)
        elif key.startswith("<"):
            m = _STEP.fullmatch(key)
            if m:
                return Key("step", m.group(1), step=int(m.group(2)))
            if key.endswith(">") and len(key) > 2:
                return Key("argument", key[1:-1])
        elif _ADDED_ID.fullmatch(key):
            return Key("added", key)
    raise ValueError(
        f"{key[:80]!r} is not a node key; keys look like [Statement], <Argument>, <Argument>#2, "
        "[From] +> [To] or added-1"
    )


def key_of(ref: NodeRef) -> str:
    """The key of a statement or argument: ``[Title]`` or ``<Title>``."""
    return str(ref)


def step_key(argument: str, step: int) -> str:
    """The key of an argument's inference step (1 = its first inference)."""
    if step < 1:
        raise ValueError(f"inference steps count from 1, got {step}")
    return f"<{argument}>#{step}"


def link_key(source: str, target: str) -> str:
    """The key of a support relation between two statements: ``[source] +> [target]``."""
    return f"[{source}] +> [{target}]"


def _as_key(key: str | NodeRef) -> tuple[str, Key]:
    text = key_of(key) if isinstance(key, NodeRef) else key
    return text, parse_key(text)
