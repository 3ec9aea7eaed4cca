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
``ARGMAP_HUB_URL``    where the hub listens (default ``http://127.0.0.1:8000``, this machine
                      only; ``https://0.0.0.0:443`` with the two below, or keep the default
                      behind a reverse proxy that does HTTPS)
``ARGMAP_HUB_CERT``   the TLS certificate (PEM) when ``ARGMAP_HUB_URL`` is ``https://…``
``ARGMAP_HUB_KEY``    its private key
``ARGMAP_TEACHERS``   comma-separated accounts that are the hub's admins (default ``teacher``)
``ARGMAP_CLASS_LIST`` a file with one learner's account name per line: only they and the
                      teachers may log in (without it, nobody but the teachers may)

Learners' servers run as their own accounts (the default spawner, with local
users).  The hub itself runs as root and never touches a learner's path by name:
the notebooks are copied into ``~/argmap`` through file descriptors opened without
following links, so a learner's symbolic link makes root create nothing anywhere.
Memory limits are not set here: the local spawner does not enforce them (Zero to
JupyterHub's does; see README.md).
"""

from __future__ import annotations

import os
import pwd
from pathlib import Path

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - JupyterHub's config loader provides it

HERE = Path(__file__).resolve().parent
NOTEBOOKS = Path(os.environ.get("ARGMAP_NOTEBOOKS", HERE.parent.parent / "notebooks"))
WORKBENCH = "08-annotate-and-evaluate.ipynb"
#: The folder in each learner's home that holds their copy of the notebooks.
COURSE = "argmap"

c.JupyterHub.bind_url = os.environ.get("ARGMAP_HUB_URL", "http://127.0.0.1:8000")
if os.environ.get("ARGMAP_HUB_CERT"):
    c.JupyterHub.ssl_cert = os.environ["ARGMAP_HUB_CERT"]
    c.JupyterHub.ssl_key = os.environ.get("ARGMAP_HUB_KEY", "")
# Learners land on the workbench, without code; JupyterLab stays at /user/NAME/lab.
c.Spawner.default_url = f"/voila/render/{COURSE}/{WORKBENCH}"
# Voilà drops a cell's output that comes later than 4 s: on a busy server the workbench's
# own output did, and the page ended with no workbench and no error (measured in the
# Voilà app, benchmarks/voila_pool.py); 60 s is what the app's README command uses too.
# The page says "Starting your workbench…" from its first bytes while the learner's kernel
# starts (argmap.widgets.voila_page, what notebooks/voila.py does for the Voilà app).
c.Spawner.args = [
    "--VoilaExecutor.iopub_timeout=60",
    "--ServerApp.jpserver_extensions=argmap.widgets.voila_page=True",
]
c.Spawner.notebook_dir = "~"
# Each learner's work: in their own home, where nobody else can write or read.
c.Spawner.environment = {"ARGMAP_CLASS_DIR": f"~/{COURSE}/out"}
c.JupyterHub.concurrent_spawn_limit = 30

teachers = {t.strip() for t in os.environ.get("ARGMAP_TEACHERS", "teacher").split(",") if t.strip()}
c.Authenticator.admin_users = teachers
class_list = os.environ.get("ARGMAP_CLASS_LIST")
names = set(Path(class_list).read_text(encoding="utf-8").split()) if class_list else set()
c.Authenticator.allowed_users = names | teachers


def home_of(spawner) -> Path:  # type: ignore[no-untyped-def]
    """The learner's home: the spawner's own idea of it, else the system account's."""
    home = getattr(spawner, "home_dir", None)
    return Path(home) if home else Path(pwd.getpwnam(spawner.user.name).pw_dir)


def _copy_tree(src: Path, dir_fd: int, owner: tuple[int, int] | None) -> None:
    """Copy what ``src`` holds into the folder open as ``dir_fd``, never following a
    link and never replacing anything: what is there (a learner's file, folder or
    link) stays as it is.  New files are 0600 and folders 0700, owned by ``owner``."""
    for entry in sorted(src.iterdir()):
        if entry.name in ("out", ".ipynb_checkpoints") or entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():
            try:
                os.mkdir(entry.name, 0o700, dir_fd=dir_fd)
                created = True
            except FileExistsError:
                created = False
            try:
                sub = os.open(entry.name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=dir_fd)
            except OSError:
                continue  # a link or a file where the folder would be: leave it
            try:
                if created and owner is not None:
                    os.fchown(sub, *owner)
                _copy_tree(entry, sub, owner)
            finally:
                os.close(sub)
        elif entry.is_file():
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
            try:
                fd = os.open(entry.name, flags, 0o600, dir_fd=dir_fd)
            except OSError:
                continue  # already there (or a link, even a dangling one): never touched
            with os.fdopen(fd, "wb") as out:
                if owner is not None:
                    os.fchown(out.fileno(), *owner)
                out.write(entry.read_bytes())


def copy_course(spawner) -> None:  # type: ignore[no-untyped-def]
    """On every login, put the notebooks the learner does not have yet into
    ``~/argmap``; never overwrite what is there, never follow a learner's link."""
    home = home_of(spawner)
    owner = None
    try:
        entry = pwd.getpwnam(spawner.user.name)
        owner = (entry.pw_uid, entry.pw_gid)
    except KeyError:
        pass  # a test's dummy users have no system account
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    home_fd = os.open(home, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        try:
            os.mkdir(COURSE, 0o700, dir_fd=home_fd)
            created = True
        except FileExistsError:
            created = False
        try:
            course = os.open(COURSE, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=home_fd)
        except OSError:
            return  # ~/argmap is a link or a file: the learner's choice, left alone
        try:
            if created and owner is not None and os.geteuid() == 0:
                os.fchown(course, *owner)
            _copy_tree(NOTEBOOKS, course, owner if os.geteuid() == 0 else None)
        finally:
            os.close(course)
    finally:
        os.close(home_fd)


c.Spawner.pre_spawn_hook = copy_course
