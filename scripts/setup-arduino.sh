#!/usr/bin/env bash
# Builds the pinned arduino-cli, serial-discovery and serial-monitor from the Go module proxy (none is in Debian or
# npm) and lays out an offline data/user directory where Debian's AVR core is a manually installed platform.
# Idempotent: every step checks its result first, so a second run takes well under a second.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools=${TINYDEPLOY_TOOLS_DIR:-$root/.tools}
bin="$tools/bin"
data="$tools/arduino/data"
user="$tools/arduino/user"
downloads="$tools/arduino/downloads"

# Pins: core/toolchain/pinned.ts holds the same numbers for the app (a test checks they agree).
ARDUINO_CLI_VERSION=1.5.1
SERIAL_DISCOVERY_VERSION=1.5.1
SERIAL_MONITOR_VERSION=0.15.0
CTAGS_VERSION=5.8-arduino11
AVRDUDE_VERSION=7.1
debian_avr=/usr/share/arduino/hardware/arduino/avr

mkdir -p "$bin" "$data" "$user" "$downloads"

stamp_ok() { [ -x "$bin/$1" ] && [ "$(cat "$bin/.$1.version" 2>/dev/null)" = "$2" ]; }

go_cmd() {
  # The module cache stays in the user's Go directory (not under .tools), so a fresh clone or CI run reuses it.
  if command -v go >/dev/null 2>&1; then go "$@"; elif [ -x /usr/local/go/bin/go ]; then /usr/local/go/bin/go "$@"; else
    echo "setup-arduino: Go is missing (arduino-cli $ARDUINO_CLI_VERSION needs Go >= 1.26.1)" >&2; return 1
  fi
}

# arduino-cli: its go.mod has a replace directive, so `go install` refuses it; build it from the downloaded module.
if ! stamp_ok arduino-cli "$ARDUINO_CLI_VERSION" ||
   ! "$bin/arduino-cli" version --json 2>/dev/null | grep -q "\"$ARDUINO_CLI_VERSION\""; then
  echo "setup-arduino: building arduino-cli $ARDUINO_CLI_VERSION from the Go module proxy"
  t0=$(date +%s)
  mod="github.com/arduino/arduino-cli@v$ARDUINO_CLI_VERSION"
  go_cmd mod download "$mod"
  src="$tools/src/arduino-cli-$ARDUINO_CLI_VERSION"
  rm -rf "$src"
  mkdir -p "$tools/src"
  cp -r "$(go_cmd env GOMODCACHE)/$mod" "$src"
  chmod -R u+w "$src"
  (cd "$src" && go_cmd build -trimpath \
    -ldflags "-s -w -X github.com/arduino/arduino-cli/internal/version.versionString=$ARDUINO_CLI_VERSION" \
    -o "$bin/arduino-cli" .)
  rm -rf "$src"
  echo "$ARDUINO_CLI_VERSION" >"$bin/.arduino-cli.version"
  echo "setup-arduino: arduino-cli built in $(($(date +%s) - t0)) s"
fi

go_install_pinned() { # name module version; returns 1 when the module proxy will not serve it
  stamp_ok "$1" "$3" && return 0
  echo "setup-arduino: building $1 $3"
  GOBIN="$bin" go_cmd install -trimpath -ldflags "-s -w" "$2@v$3" || return 1
  echo "$3" >"$bin/.$1.version"
}
# Some module proxies refuse these two modules (HTTP 403). Then serial-discovery comes from our own small
# implementation of the same pluggable-discovery protocol (scripts/serial-discovery/), and serial-monitor is skipped:
# the app reads serial ports itself, and `arduino-cli monitor` is not used.
own="tinydeploy-$(cat "$root/scripts/serial-discovery/VERSION")"
if ! stamp_ok serial-discovery "$own" &&
   ! go_install_pinned serial-discovery github.com/arduino/serial-discovery "$SERIAL_DISCOVERY_VERSION"; then
  echo "setup-arduino: the module proxy refused serial-discovery; building scripts/serial-discovery ($own)"
  (cd "$root/scripts/serial-discovery" && go_cmd build -trimpath -ldflags "-s -w" -o "$bin/serial-discovery" .)
  echo "$own" >"$bin/.serial-discovery.version"
fi
if [ "$(cat "$bin/.serial-monitor.refused" 2>/dev/null)" != "$SERIAL_MONITOR_VERSION" ] &&
   ! go_install_pinned serial-monitor github.com/arduino/serial-monitor "$SERIAL_MONITOR_VERSION"; then
  echo "setup-arduino: the module proxy refused serial-monitor $SERIAL_MONITOR_VERSION; skipped (not needed by the app)" >&2
  echo "$SERIAL_MONITOR_VERSION" >"$bin/.serial-monitor.refused"
fi

# Builtin tools count as installed when <data>/packages/builtin/tools/<name>/<version>/<name> exists.
link_tool() { # name version target
  local dir="$data/packages/builtin/tools/$1/$2"
  mkdir -p "$dir"
  [ "$(readlink "$dir/$1" 2>/dev/null)" = "$3" ] || ln -sfn "$3" "$dir/$1"
}
link_tool ctags "$CTAGS_VERSION" /usr/bin/arduino-ctags
# arduino-cli forces tools.avrdude.path={runtime.tools.avrdude.path}: give it Debian's avrdude as a builtin tool.
if [ -x /usr/bin/avrdude ]; then
  link_tool avrdude "$AVRDUDE_VERSION" /usr/bin/avrdude
  mkdir -p "$data/packages/builtin/tools/avrdude/$AVRDUDE_VERSION/bin"
  ln -sfn /usr/bin/avrdude "$data/packages/builtin/tools/avrdude/$AVRDUDE_VERSION/bin/avrdude"
fi
link_tool serial-discovery "$SERIAL_DISCOVERY_VERSION" "$bin/serial-discovery"
# The AVR core also requires builtin:mdns-discovery (network uploads); our discovery under that name lists nothing.
[ "$(cat "$bin/.serial-discovery.version")" = "$own" ] && link_tool mdns-discovery 1.0.0 "$bin/serial-discovery"
[ -x "$bin/serial-monitor" ] && link_tool serial-monitor "$SERIAL_MONITOR_VERSION" "$bin/serial-monitor"

# Empty indexes: arduino-cli then starts offline without trying to download them.
[ -f "$data/package_index.json" ] || echo '{"packages":[]}' >"$data/package_index.json"
[ -f "$data/library_index.json" ] || echo '{"libraries":[]}' >"$data/library_index.json"

# Debian's AVR core as a manually installed platform: a directory of symlinks to its entries (Debian's own tree
# stays untouched) plus our platform.local.txt with the C++-only DECIMAL_DIG fix needed by gcc-avr 5.4.
if [ -d "$debian_avr" ]; then
  plat="$user/hardware/arduino/avr"
  [ -L "$plat" ] && rm "$plat"
  mkdir -p "$plat"
  for entry in "$debian_avr"/*; do
    name=$(basename "$entry")
    [ "$name" = platform.local.txt ] && continue
    [ "$(readlink "$plat/$name" 2>/dev/null)" = "$entry" ] || ln -sfn "$entry" "$plat/$name"
  done
  printf '%s\n' '# TinyDeploy: gcc-avr 5.4 lacks DECIMAL_DIG in C++ (WString.cpp); alias the compiler builtin.' \
    'compiler.cpp.extra_flags=-DDECIMAL_DIG=__DECIMAL_DIG__' >"$plat/platform.local.txt.new"
  if cmp -s "$plat/platform.local.txt.new" "$plat/platform.local.txt"; then rm "$plat/platform.local.txt.new"
  else mv "$plat/platform.local.txt.new" "$plat/platform.local.txt"; fi
else
  echo "setup-arduino: $debian_avr is missing (apt package arduino-core-avr); the AVR core will not be available" >&2
fi

config="$tools/arduino/arduino-cli.yaml"
cat >"$config.new" <<EOF
# Written by scripts/setup-arduino.sh: an offline arduino-cli that uses only the directories below.
directories:
  data: $data
  user: $user
  downloads: $downloads
updater:
  enable_notification: false
EOF
if cmp -s "$config.new" "$config"; then rm "$config.new"; else mv "$config.new" "$config"; fi
echo "setup-arduino: arduino-cli $ARDUINO_CLI_VERSION ready in $bin (config $config)"
