"""JupyterHub for a class on one machine: local users, each with their own server.

Every learner logs in with their own account and lands on the annotation
workbench (notebook 8) as a code-free app (Voilà).  Their work is saved in their
own home, in ``~/argmap/out``; the teacher gathers the class's files with one
command::

    argmap collect /home/*/argmap/out --into /srv/argmap-class \\
        --map /opt/argmap/notebooks/russia-iran.argdown

and opens notebook 9 with ``ARGMAP_CLASS_DIR=/srv/argmap-class``.

Start it as root on the class machine (see README.md beside this file)::

    jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

Settings you may change, as environment variables of the hub:

``ARGMAP_NOTEBOOKS``  the notebooks folder copied into each learner's home on first
                      login (default: ``notebooks/`` of this checkout)
``ARGMAP_HUB_URL``    where the hub listens (default ``http://127.0.0.1:8000``:
                      put a TLS proxy in front, or set ``https://…`` with certificates)
``ARGMAP_TEACHERS``   comma-separated accounts that may see the admin page
``ARGMAP_CLASS_LIST`` a file with one account name per line: only they may log in
"""

from __future__ import annotations

import os
import pwd
import shutil
from pathlib import Path

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - JupyterHub's config loader provides it

HERE = Path(__file__).resolve().parent
NOTEBOOKS = Path(os.environ.get("ARGMAP_NOTEBOOKS", HERE.parent.parent / "notebooks"))
WORKBENCH = "08-annotate-and-evaluate.ipynb"
#: The folder in each learner's home that holds their copy of the notebooks.
COURSE = "argmap"

c.JupyterHub.bind_url = os.environ.get("ARGMAP_HUB_URL", "http://127.0.0.1:8000")
# Learners land on the workbench, without code; JupyterLab stays at /user/NAME/lab.
c.Spawner.default_url = f"/voila/render/{COURSE}/{WORKBENCH}"
c.Spawner.notebook_dir = "~"
# Each learner's work: in their own home, where nobody else can write.
c.Spawner.environment = {"ARGMAP_CLASS_DIR": f"~/{COURSE}/out"}
# A 2-core machine holds a class of 30 (about 70 MB per learner's kernel).
c.Spawner.mem_limit = "1G"
c.JupyterHub.concurrent_spawn_limit = 30

teachers = {t.strip() for t in os.environ.get("ARGMAP_TEACHERS", "").split(",") if t.strip()}
if teachers:
    c.Authenticator.admin_users = teachers
class_list = os.environ.get("ARGMAP_CLASS_LIST")
if class_list:
    names = Path(class_list).read_text(encoding="utf-8").split()
    c.Authenticator.allowed_users = set(names) | teachers


def home_of(spawner) -> Path:  # type: ignore[no-untyped-def]
    """The learner's home: the spawner's own idea of it, else the system account's."""
    home = getattr(spawner, "home_dir", None)
    return Path(home) if home else Path(pwd.getpwnam(spawner.user.name).pw_dir)


def copy_course(spawner) -> None:  # type: ignore[no-untyped-def]
    """On every login, put the notebooks the learner does not have yet into
    ``~/argmap``; never overwrite what is there (their own work, their own maps)."""
    home = home_of(spawner)
    target = home / COURSE
    owner = None
    try:
        entry = pwd.getpwnam(spawner.user.name)
        owner = (entry.pw_uid, entry.pw_gid)
    except KeyError:
        pass  # a test's dummy users have no system account
    target.mkdir(parents=True, exist_ok=True)
    for src in sorted(NOTEBOOKS.iterdir()):
        if src.name in ("out", ".ipynb_checkpoints") or src.name.startswith("."):
            continue
        dest = target / src.name
        if dest.exists():
            continue
        if src.is_dir():
            shutil.copytree(src, dest)
        else:
            shutil.copy2(src, dest)
    if owner is not None and os.geteuid() == 0:
        for path in [target, *target.rglob("*")]:
            os.chown(path, *owner, follow_symlinks=False)


c.Spawner.pre_spawn_hook = copy_course
