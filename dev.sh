#!/usr/bin/env bash
# argmap's one-command set-up.  See `./dev.sh help`.
#
#   ./dev.sh lab    set up (Graphviz, fonts, .venv with the notebook extras) and open JupyterLab
#   ./dev.sh test   set up everything the tests need, then run the whole suite (one pytest run)
#   ./dev.sh bench  run the benchmarks (benchmarks/run.py)
#
# Safe to run again: it installs only what is missing, and reinstalls the Python
# package only when pyproject.toml has changed since the last install.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"
VENV="$ROOT/.venv"
VPY="$VENV/bin/python"
STAMP="$VENV/.argmap-install-stamp"

LAB_EXTRAS="notebook,pdf,formats"
LITE_EXTRAS="notebook,formats,lite"
TEST_EXTRAS="dev"

say() { printf 'argmap: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }
have() { command -v "$1" >/dev/null 2>&1; }

usage() {
    cat <<'EOF'
usage: ./dev.sh COMMAND [ARGS...]

  lab [ARGS]     install what the notebooks need (Graphviz, fonts, .venv with
                 argmap[notebook,pdf,formats]) and start JupyterLab on notebooks/;
                 ARGS go to `jupyter lab`
  test [ARGS]    install what the tests need as well (Chromium, poppler-utils,
                 Node.js + the Argdown CLI in ./node_modules, argmap[dev]) and run
                 the unit tests and the notebooks (nbval) in one pytest run;
                 ARGS go to pytest (give paths to run only those)
  bench [ARGS]   set up like `lab`, then run benchmarks/run.py
  lite [ARGS]    build the kit as a static JupyterLite site (Python, argmap and
                 Graphviz in the browser; nothing to install for learners) into
                 build/lite: sets up .venv with argmap[notebook,formats,lite] and
                 Pyodide + Graphviz in WebAssembly in ./node_modules (npm ci);
                 ARGS go to lite/build.py (--out DIR)
  lite serve [PORT]  serve build/lite on http://127.0.0.1:PORT/ (default 8000)
  executed [DIR] set up like `lab`, then write a copy of every notebook with its
                 outputs into DIR (default: notebooks-executed/), for the teacher
  help           this text

As root on Debian/Ubuntu, missing system packages are installed with apt-get.
Otherwise the exact commands to run are printed (apt, Homebrew, conda).
Environment: PYTHON=python3.12 picks the interpreter for a new .venv;
ARGMAP_SKIP_SYSTEM=1 skips the system-package checks (you installed them yourself).
EOF
}

# ---------------------------------------------------------------------------
# System packages
# ---------------------------------------------------------------------------

# Is the Debian package (or what it provides) present?  Programs are checked on
# PATH, so a Graphviz from Homebrew or conda counts; fonts through dpkg or fc-list.
deb_present() {
    case "$1" in
        graphviz) have dot ;;
        chromium) have chromium || have chromium-browser || [ -x "${ARGMAP_CHROMIUM:-/nonexistent}" ] ;;
        poppler-utils) have pdftotext && have pdffonts ;;
        nodejs) have node ;;
        npm) have npm ;;
        fonts-dejavu-core) font_present fonts-dejavu-core "DejaVu Sans" ;;
        fonts-noto-core) font_present fonts-noto-core "Noto Sans" ;;
        *) dpkg_present "$1" ;;
    esac
}

dpkg_present() {
    have dpkg-query && dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'
}

font_present() {
    if have dpkg-query; then
        dpkg_present "$1"
    elif have fc-list; then
        fc-list 2>/dev/null | grep -qi "$2"
    else
        return 0 # cannot tell: Graphviz falls back to another font
    fi
}

APT_UPDATED=0
INSTALLED=0 # set when this run installed something: then the set-up time is reported
apt_install() {
    INSTALLED=1
    export DEBIAN_FRONTEND=noninteractive
    if [ "$APT_UPDATED" = 0 ]; then
        say "apt-get update"
        apt-get update -qq
        APT_UPDATED=1
    fi
    say "apt-get install -y $*"
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Print the commands a person without root (or without apt) can run, then stop.
explain_system_packages() {
    local pkgs=("$@") formulas="" casks="" conda="" p
    for p in "${pkgs[@]}"; do
        case "$p" in
            graphviz) formulas+=" graphviz"; conda+=" graphviz" ;;
            chromium) casks+=" chromium" ;;
            poppler-utils) formulas+=" poppler"; conda+=" poppler" ;;
            nodejs | npm) [[ "$formulas" == *node@20* ]] || { formulas+=" node@20"; conda+=" nodejs=20"; } ;;
            fonts-dejavu-core) casks+=" font-dejavu" ;;
            fonts-noto-core) casks+=" font-noto-sans" ;;
        esac
    done
    say "missing system packages: ${pkgs[*]}"
    {
        echo
        echo "  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y ${pkgs[*]}"
        if [ -n "$formulas$casks" ]; then
            local brew=()
            [ -n "$formulas" ] && brew+=("brew install$formulas")
            [ -n "$casks" ] && brew+=("brew install --cask$casks")
            echo "  macOS:          ${brew[0]}${brew[1]:+ && ${brew[1]}}"
        fi
        if [ -n "$conda" ]; then
            echo "  conda:          conda install -c conda-forge$conda"
            echo "                  (or the whole environment: conda env create -f environment.yml)"
        fi
        case " ${pkgs[*]} " in
            *" chromium "*) echo "  Chromium elsewhere: install it and set ARGMAP_CHROMIUM=/path/to/chromium" ;;
        esac
        echo
        echo "  Then run ./dev.sh again.  (ARGMAP_SKIP_SYSTEM=1 skips this check.)"
    } >&2
    exit 1
}

ensure_system_packages() {
    [ "${ARGMAP_SKIP_SYSTEM:-0}" = 1 ] && return 0
    local missing=() p
    for p in "$@"; do
        deb_present "$p" || missing+=("$p")
    done
    # Node.js from elsewhere (e.g. NodeSource) brings its own npm, and Debian's npm
    # package conflicts with it: then npm has to come the way node came.
    if [[ " ${missing[*]-} " == *" npm "* ]] && have node && ! dpkg_present nodejs; then
        die "node $(node --version) is installed, but not from Debian, and npm is missing: install npm with the tool that installed node"
    fi
    [ "${#missing[@]}" -eq 0 ] && return 0
    if is_root && have apt-get; then
        apt_install "${missing[@]}"
        for p in "${missing[@]}"; do
            deb_present "$p" || die "$p is still missing after apt-get install"
        done
    else
        explain_system_packages "${missing[@]}"
    fi
}

# ---------------------------------------------------------------------------
# Python and the virtual environment
# ---------------------------------------------------------------------------

find_python() {
    local c
    for c in ${PYTHON:-} python3 python3.13 python3.12 python3.11 python3.10; do
        if have "$c" && "$c" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
            echo "$c"
            return 0
        fi
    done
    die "argmap needs Python 3.10 or newer (python3 is $(python3 --version 2>&1 || echo missing)); set PYTHON=/path/to/python3.x"
}

file_hash() {
    "$1" -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$2"
}

ensure_venv() {
    if [ -x "$VPY" ] && "$VPY" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
        return 0
    fi
    local py
    py=$(find_python)
    if [ -e "$VENV" ]; then
        say ".venv is broken or too old; making a new one"
        rm -rf "$VENV"
    fi
    INSTALLED=1
    say "creating .venv with $("$py" --version 2>&1)"
    if ! "$py" -m venv "$VENV" 2>/dev/null; then
        rm -rf "$VENV"
        # Debian/Ubuntu ship venv's ensurepip separately.
        local pkg="python3-venv" ver
        ver=$("$py" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
        if have apt-cache && apt-cache show "python$ver-venv" >/dev/null 2>&1; then pkg="python$ver-venv"; fi
        if is_root && have apt-get; then
            apt_install "$pkg"
            "$py" -m venv "$VENV" || die "'$py -m venv' still fails after installing $pkg"
        else
            say "'$py -m venv' does not work here."
            printf '\n  Debian/Ubuntu:  sudo apt-get install -y %s\n  Then run ./dev.sh again.\n\n' "$pkg" >&2
            exit 1
        fi
    fi
}

# pip install -e '.[EXTRAS]', unless the stamp says the same pyproject.toml was
# already installed with these extras (or with `dev`, which includes them all).
ensure_install() {
    local extras=$1 hash recorded_extras="" recorded_hash=""
    hash=$(file_hash "$VPY" pyproject.toml)
    if [ -f "$STAMP" ]; then
        read -r recorded_extras recorded_hash <"$STAMP" || true
    fi
    if [ "$recorded_hash" = "$hash" ] &&
        { [ "$recorded_extras" = "$extras" ] || [ "$recorded_extras" = "$TEST_EXTRAS" ]; } &&
        "$VPY" -c 'import importlib.metadata as m; m.distribution("argmap")' 2>/dev/null; then
        return 0
    fi
    INSTALLED=1
    # A .venv set up for the tests keeps its test tools when pyproject.toml changes.
    if [ "$recorded_extras" = "$TEST_EXTRAS" ]; then extras=$TEST_EXTRAS; fi
    say "pip install -e '.[$extras]' (into .venv)"
    "$VPY" -m pip install --disable-pip-version-check -q --progress-bar off -e ".[$extras]"
    printf '%s %s\n' "$extras" "$hash" >"$STAMP"
}

# ---------------------------------------------------------------------------
# Node.js: the Argdown CLI used as the parser oracle
# ---------------------------------------------------------------------------

ensure_argdown() {
    local stamp="$ROOT/node_modules/.argmap-stamp" hash
    have npm || die "npm is missing (see above)"
    hash=$(file_hash "$VPY" package-lock.json)
    if [ -x "$ROOT/node_modules/.bin/argdown" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
        return 0
    fi
    INSTALLED=1
    say "npm ci (the Argdown CLI into ./node_modules)"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
    echo "$hash" >"$stamp"
}

# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------

LAB_DEBS=(graphviz fonts-dejavu-core fonts-noto-core)
TEST_DEBS=(graphviz chromium poppler-utils fonts-dejavu-core fonts-noto-core nodejs npm)

# JupyterLab reads .jupyter/labconfig/default_setting_overrides.json (no news pop-up).
export JUPYTER_CONFIG_PATH="$ROOT/.jupyter${JUPYTER_CONFIG_PATH:+:$JUPYTER_CONFIG_PATH}"

setup_done() {
    if [ "$INSTALLED" = 1 ]; then say "set-up done in ${SECONDS} s"; fi
}

setup_lab() {
    ensure_system_packages "${LAB_DEBS[@]}"
    ensure_venv
    ensure_install "$LAB_EXTRAS"
    setup_done
}

setup_test() {
    ensure_system_packages "${TEST_DEBS[@]}"
    ensure_venv
    ensure_install "$TEST_EXTRAS"
    ensure_argdown
    setup_done
    local chromium=${ARGMAP_CHROMIUM:-}
    if [ -z "$chromium" ]; then
        chromium=$(command -v chromium || command -v chromium-browser || true)
    fi
    # Everything CI needs must be present: the tests fail rather than skip.
    export ARGMAP_REQUIRE_GRAPHVIZ=1
    export ARGMAP_REQUIRE_ORACLE=1
    export ARGMAP_REQUIRE_BROWSER=1
    export ARGMAP_ARGDOWN_CLI="$ROOT/node_modules/.bin/argdown"
    export ARGMAP_CHROMIUM="${chromium:-/usr/bin/chromium}"
    export PATH="$VENV/bin:$PATH"
}

cmd_lab() {
    setup_lab
    local args=("$@")
    if is_root; then
        case " ${args[*]-} " in *" --allow-root "*) ;; *) args+=(--allow-root) ;; esac
    fi
    say "starting JupyterLab on notebooks/ (Ctrl-C to stop)"
    exec "$VENV/bin/jupyter" lab notebooks/ ${args[@]+"${args[@]}"}
}

cmd_test() {
    setup_test
    # One pytest run: the unit tests, plus every notebook through nbval.  The
    # notebooks are stored without outputs (learners must not see the answers
    # before they try), so nbval runs them in lax mode: every cell must run
    # without an error; what they show is checked by tests/ and the browser tests.
    local paths=(tests notebooks) a
    for a in "$@"; do
        # Paths given by the caller replace the default ones.
        if [[ "$a" != -* && ( -e "${a%%::*}" ) ]]; then paths=(); break; fi
    done
    # In parallel, one worker per core (pytest-xdist), a file's tests in one worker
    # (a notebook's cells share a kernel; tests/workers.py shares the files out).
    # `-n 0` after `test` runs everything in this one process.
    local status=0
    "$VPY" -m pytest -n auto --dist loadfile --nbval-lax --nbval-current-env \
        ${paths[@]+"${paths[@]}"} "$@" || status=$?
    exit "$status"
}

# The notebooks are stored without outputs; a teacher who wants to read them with
# every answer shown gets an executed copy (the originals stay untouched).
cmd_executed() {
    setup_lab
    local dest=${1:-notebooks-executed}
    mkdir -p "$dest"
    cp notebooks/*.argdown notebooks/*.txt "$dest"/
    local nb
    for nb in notebooks/*.ipynb; do
        say "running $nb"
        "$VENV/bin/jupyter" nbconvert --to notebook --execute --ExecutePreprocessor.timeout=300 \
            --output-dir "$dest" "$nb" >/dev/null 2>&1 || die "$nb failed to run: run it in JupyterLab to see why"
    done
    say "executed copies in $dest/"
}

cmd_lite() {
    if [ "${1:-}" = serve ]; then
        local port=${2:-8000}
        [ -f build/lite/index.html ] || die "no site in build/lite: run ./dev.sh lite first"
        say "serving build/lite on http://127.0.0.1:$port/ (Ctrl-C to stop)"
        exec "$(find_python)" -m http.server --bind 127.0.0.1 --directory build/lite "$port"
    fi
    ensure_system_packages nodejs npm
    ensure_venv
    ensure_install "$LITE_EXTRAS"
    ensure_argdown # npm ci: node_modules holds Pyodide's runtime and Graphviz in WebAssembly too
    setup_done
    exec "$VPY" lite/build.py "$@"
}

cmd_bench() {
    setup_lab
    exec "$VPY" benchmarks/run.py "$@"
}

main() {
    local cmd=${1:-help}
    [ $# -gt 0 ] && shift
    case "$cmd" in
        lab) cmd_lab "$@" ;;
        test) cmd_test "$@" ;;
        bench) cmd_bench "$@" ;;
        executed) cmd_executed "$@" ;;
        lite) cmd_lite "$@" ;;
        help | -h | --help) usage ;;
        *) usage >&2; die "unknown command '$cmd'" ;;
    esac
}

main "$@"
