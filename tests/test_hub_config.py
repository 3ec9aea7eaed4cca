"""The hub's configuration as its README sets it up, without starting a hub: the class
list and the teacher are let in (nobody else), no memory limit is claimed, and
preparing a learner's ~/argmap never follows the learner's links (issue 18 and 20)."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

CONFIG = Path(__file__).resolve().parents[1] / "deploy" / "jupyterhub" / "jupyterhub_config.py"


class _Section(SimpleNamespace):
    def __getattr__(self, name: str) -> Any:
        value = _Section()
        setattr(self, name, value)
        return value


def load_config(monkeypatch: pytest.MonkeyPatch, notebooks: Path, **env: str) -> tuple[Any, dict[str, Any]]:
    monkeypatch.setenv("ARGMAP_NOTEBOOKS", str(notebooks))
    for k in ("ARGMAP_CLASS_LIST", "ARGMAP_TEACHERS", "ARGMAP_HUB_URL", "ARGMAP_HUB_CERT"):
        monkeypatch.delenv(k, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    c = _Section()
    scope: dict[str, Any] = {"get_config": lambda: c, "__file__": str(CONFIG)}
    exec(compile(CONFIG.read_text(encoding="utf-8"), str(CONFIG), "exec"), scope)
    return c, scope


def test_the_class_list_and_the_teacher_are_let_in_and_nobody_else(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    roster = tmp_path / "class.txt"
    roster.write_text("ana\nben\nchloe\n", encoding="utf-8")
    c, _ = load_config(monkeypatch, tmp_path, ARGMAP_CLASS_LIST=str(roster), ARGMAP_TEACHERS="teacher")
    assert c.Authenticator.allowed_users == {"ana", "ben", "chloe", "teacher"}
    assert c.Authenticator.admin_users == {"teacher"}
    assert "allow_all" not in vars(c.Authenticator) and "mem_limit" not in vars(c.Spawner)
    assert c.JupyterHub.bind_url == "http://127.0.0.1:8000"
    c, _ = load_config(monkeypatch, tmp_path)
    assert c.Authenticator.allowed_users == {"teacher"}  # no class list: only the teacher


def test_preparing_a_learners_home_never_follows_their_links(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    notebooks = tmp_path / "notebooks"
    (notebooks / "data").mkdir(parents=True)
    (notebooks / "my-text.txt").write_text("course text", encoding="utf-8")
    (notebooks / "08.ipynb").write_text("{}", encoding="utf-8")
    (notebooks / "data" / "d.txt").write_text("d", encoding="utf-8")
    _, scope = load_config(monkeypatch, notebooks)
    home = tmp_path / "home" / "ana"
    (home / "argmap").mkdir(parents=True)
    victim = tmp_path / "etc" / "nologin"
    victim.parent.mkdir()
    (home / "argmap" / "my-text.txt").symlink_to(victim)  # dangling: root would create it
    (home / "argmap" / "data").symlink_to(tmp_path / "etc")
    (home / "argmap" / "08.ipynb").write_text("my own work", encoding="utf-8")
    spawner = SimpleNamespace(home_dir=str(home), user=SimpleNamespace(name="no-such-account-argmap"))
    scope["copy_course"](spawner)
    assert not victim.exists() and not (tmp_path / "etc" / "d.txt").exists()
    assert (home / "argmap" / "08.ipynb").read_text(encoding="utf-8") == "my own work"
    # a fresh home gets the course, readable by its owner only
    fresh = tmp_path / "home" / "ben"
    scope["copy_course"](SimpleNamespace(home_dir=str(fresh), user=spawner.user))
    assert (fresh / "argmap" / "data" / "d.txt").read_text(encoding="utf-8") == "d"
    assert (fresh / "argmap" / "my-text.txt").stat().st_mode & 0o777 == 0o600
    assert (fresh / "argmap").stat().st_mode & 0o777 == 0o700
    # ~/argmap itself a link to elsewhere: nothing is written through it
    link_home = tmp_path / "home" / "eve"
    link_home.mkdir()
    (link_home / "argmap").symlink_to(tmp_path / "etc")
    scope["copy_course"](SimpleNamespace(home_dir=str(link_home), user=spawner.user))
    assert sorted(os.listdir(tmp_path / "etc")) == []


def test_the_readme_sets_up_what_the_configuration_needs() -> None:
    """The commands a teacher copies from deploy/jupyterhub/README.md make the class
    list and the teacher's account the configuration lets in, with private homes."""
    import re

    readme = (CONFIG.parent / "README.md").read_text(encoding="utf-8")
    blocks = "\n".join(re.findall(r"```sh\n(.*?)```", readme, re.DOTALL))
    assert re.search(r"export ARGMAP_CLASS_LIST=(\S+)", blocks)
    roster = re.search(r"export ARGMAP_CLASS_LIST=(\S+)", blocks).group(1)  # type: ignore[union-attr]
    assert f"> {roster}" in blocks  # the README writes the class list it names
    assert re.search(r"for name in teacher .*useradd -m -K HOME_MODE=0700", blocks, re.DOTALL)
    assert "chmod 700" in blocks and "ARGMAP_TEACHERS=teacher" in blocks
    assert "127.0.0.1:8000" in readme and "HTTPS" in readme and "does not enforce" in readme
    assert "sudo argmap collect" in readme or "as root" in readme
