# Sourced by scripts/up and scripts/test: what a fresh Debian or Ubuntu machine lacks for geokg is
# installed (Java 17+ and Maven, which provision Neo4j; Python's venv module), then the project's
# own virtual environment .venv (git-ignored) is made, filled from pyproject.toml (again only when
# that file changed) and activated, so `geokg` is on the PATH. The machine's Python is never
# installed into (Debian 12 and Ubuntu 24.04 refuse it: PEP 668).
# Usage: source scripts/setup-env.sh; geokg_setup [EXTRAS]   (e.g. "dev" for the tests' tools)
# (a function, not the sourced file's arguments: a sourced file sees its caller's, such as
# `scripts/up --port 8080`'s)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "geokg: cannot run as root to install packages: $*" >&2; return 1
  fi
}

apt_install() {
  echo "geokg: installing $* with apt" >&2
  as_root apt-get update -q >&2 &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >&2
}

java_major() {
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | sed -nE 's/.*version "(1\.)?([0-9]+).*/\2/p' | head -n 1
}

geokg_setup() {
  local extras="${1:-}" python="${GEOKG_PYTHON:-python3}" spec stamp
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "geokg: needs Python 3.11 or later as $python (set GEOKG_PYTHON to another)" >&2
    return 1
  fi
  local major; major=$(java_major || true)
  if [ "${major:-0}" -lt 17 ] 2>/dev/null || ! command -v mvn >/dev/null; then
    apt_install openjdk-17-jre-headless maven || return 1
  fi
  if [ ! -x .venv/bin/python ]; then
    if ! "$python" -m venv .venv >/dev/null 2>&1; then
      rm -rf .venv
      apt_install python3-venv && "$python" -m venv .venv || return 1
    fi
  fi
  # shellcheck disable=SC1091
  source .venv/bin/activate
  spec=".${extras:+[$extras]}"
  stamp=".venv/geokg-installed${extras:+-$extras}"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$(sha256sum pyproject.toml)" ]; then
    python -m pip install --quiet --disable-pip-version-check --upgrade pip &&
      python -m pip install --quiet --disable-pip-version-check -e "$spec" &&
      sha256sum pyproject.toml > "$stamp" || return 1
  fi
}

