#!/usr/bin/env bash
# setup.sh installs what Flightplan needs on a Debian/Ubuntu machine, and only
# what is missing, so a second run costs nothing.
#   build/setup.sh          system packages for building and running the app
#   build/setup.sh test     plus the tools the test suite drives (Xvfb, Chromium, swaks, lua5.1,
#                           a D-Bus session bus and GNOME Keyring for the secrets test,
#                           PostgreSQL for the throwaway servers of engine/store/pgtest,
#                           sqlite3 for the end-to-end tests that read a workspace file,
#                           librsvg2-bin (rsvg-convert) to render exported SVGs outside a browser,
#                           poppler-utils for the report test that turns printed PDFs into pages)
set -euo pipefail

want=(build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev)
if [[ "${1:-}" == "test" ]]; then
  want+=(xvfb xauth imagemagick xdotool chromium swaks lua5.1 x11-utils dbus-daemon gnome-keyring postgresql sqlite3 librsvg2-bin poppler-utils)
fi

missing=()
for p in "${want[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: system packages present"
fi
