#!/usr/bin/env bash
# Builds the simulated Uno into $tools/vboard: the simavr harness (native/vboard, GPL-3.0, its own program) and
# optiboot rebuilt from Debian's arduino-core-avr source so it fits the boot section. Idempotent: rebuilds only
# when the sources or the recipe changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools=${TINYDEPLOY_TOOLS_DIR:-$root/.tools}
out="$tools/vboard"
src="$root/native/vboard"
mkdir -p "$out"

stamp=$(cat "$src"/*.c "$src"/*.h "$src/build-optiboot.sh" "$0" | sha256sum | cut -c1-16)
if [ -x "$out/tinydeploy-vboard" ] && [ -f "$out/optiboot_atmega328.hex" ] && [ "$(cat "$out/stamp" 2>/dev/null)" = "$stamp" ]; then
  exit 0
fi
echo "setup: building the simulated Uno (simavr harness, optiboot) into $out"
gcc -O2 -Wall -Wextra -std=gnu11 -I/usr/include/simavr -o "$out/tinydeploy-vboard.tmp" \
  "$src/vboard.c" "$src/pty_bridge.c" "$src/pty_clients.c" "$src/firmware.c" -lsimavr -lpthread
mv "$out/tinydeploy-vboard.tmp" "$out/tinydeploy-vboard"
cp "$src/LICENSE" "$out/LICENSE"
bash "$src/build-optiboot.sh" "$out" >/dev/null
echo "$stamp" > "$out/stamp"
