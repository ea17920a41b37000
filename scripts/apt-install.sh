# Sourced by the install scripts: apt_install PACKAGE... installs Debian packages as root, or
# through passwordless sudo, and otherwise stops with the command a person should run.
apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      echo "Cannot install $* here: it needs root. Run: sudo bash $0" >&2
      return 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Cannot install $* here: this machine has no apt-get. Install them with its package manager, then run make test again." >&2
    return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "${APT_UPDATED:-}" ]; then
    $sudo apt-get update -qq
    APT_UPDATED=1
  fi
  $sudo apt-get install -y -qq "$@" >/dev/null
}
