#!/usr/bin/env bash
# Runs a command with a Secret Service to talk to. On a desktop session the OS
# keychain is already there and is used as is; on a bare Linux machine (CI, a
# fresh build box) this starts a throwaway gnome-keyring in its own D-Bus
# session for the one command, so the keychain code is tested for real.
set -euo pipefail

have_secret_service() {
  [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || return 1
  command -v dbus-send >/dev/null 2>&1 || return 1
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}

if [ "$(uname -s)" != "Linux" ] || [ -n "${VIGIL_KEYRING_READY:-}" ] || have_secret_service; then
  exec "$@"
fi

for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "No Secret Service is running and '$tool' is not installed." >&2
    echo "Install it (Debian/Ubuntu: sudo apt-get install gnome-keyring dbus libsecret-1-dev) or run inside a desktop session." >&2
    exit 1
  fi
done

XDG_DATA_HOME="$(mktemp -d)"
export XDG_DATA_HOME
trap 'rm -rf "$XDG_DATA_HOME"' EXIT
export VIGIL_KEYRING_READY=1
dbus-run-session -- bash -c 'echo -n vigil-throwaway | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' _ "$@"
