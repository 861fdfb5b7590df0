# Sourced by scripts/run and scripts/test: makes sure uv and the Debian packages samen needs are here.
# Works on a fresh Debian machine as root (Python present, nothing else) and is quick when all is there.
# SAMEN_BOOTSTRAP=run asks only for what the product needs to run; the default also brings what the tests need.
# SAMEN_BOOTSTRAP_APT=0 installs no Debian packages at all.

need_apt=""
# cairosvg (the poster's icons) loads libcairo at run time.
{ ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q 'libcairo\.so\.2' || need_apt="$need_apt libcairo2"
if [ "${SAMEN_BOOTSTRAP:-test}" != run ]; then
  # The browser tests drive Debian's Chromium; the database tests start a real PostgreSQL server.
  command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need_apt="$need_apt chromium"
  if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    need_apt="$need_apt postgresql"
  fi
  # The slide tests render the PPTX as LibreOffice shows it (with Arial's metric twin, Liberation Sans).
  command -v soffice >/dev/null 2>&1 || need_apt="$need_apt libreoffice-impress"
  command -v pdftoppm >/dev/null 2>&1 || need_apt="$need_apt poppler-utils"
  [ -e /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf ] || need_apt="$need_apt fonts-liberation2"
fi
if [ "${SAMEN_BOOTSTRAP_APT:-1}" != 0 ] && [ -n "$need_apt" ]; then
  echo "bootstrap: installing Debian packages:$need_apt" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need_apt >&2
fi

if ! command -v uv >/dev/null 2>&1; then
  export PATH="$HOME/.local/bin:$PATH"
fi
if ! command -v uv >/dev/null 2>&1; then
  echo "bootstrap: installing uv" >&2
  python3 -m pip install --quiet --user uv 2>/dev/null \
    || python3 -m pip install --quiet --user --break-system-packages uv 2>/dev/null \
    || python3 -m pip install --quiet uv 2>/dev/null \
    || { SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo";
         $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-pip >&2 \
         && python3 -m pip install --quiet --user --break-system-packages uv; }
  export PATH="$HOME/.local/bin:$PATH"
fi
command -v uv >/dev/null 2>&1 || { echo "bootstrap: could not install uv" >&2; exit 1; }
