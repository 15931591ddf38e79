# Shared by run-app and run-tests: find Python >= 3.12 and make the project's virtualenv.
# Sourced, not executed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

find_python() {
  local candidate
  for candidate in python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  echo "LAPOR Desk needs Python 3.12 or newer (pyenv reads .python-version)." >&2
  return 1
}

ensure_venv() {  # $1: pip extras, e.g. "" or "[test]"
  local python stamp want
  python="$(find_python)"
  if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
  fi
  want="$(sha256sum pyproject.toml | cut -c1-16)$1"
  stamp=".venv/.installed"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "Installing LAPOR Desk and its dependencies into .venv (log: .venv/install.log) ..."
    if ! { .venv/bin/python -m pip install --upgrade pip &&
           .venv/bin/python -m pip install -e ".$1"; } > .venv/install.log 2>&1; then
      tail -n 30 .venv/install.log >&2
      echo "Installation failed; the whole log is in .venv/install.log" >&2
      return 1
    fi
    echo "$want" > "$stamp"
  fi
}
