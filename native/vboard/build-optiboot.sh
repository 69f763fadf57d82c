#!/usr/bin/env bash
# Rebuilds optiboot for the simulated Uno from the optiboot source that Debian's arduino-core-avr ships:
# Debian's prebuilt optiboot_atmega328.hex is 532 bytes and overflows the 512-byte boot section, so after an
# upload the sketch would restart every ~15 ms. This build is ~496 bytes. Usage: build-optiboot.sh OUT_DIR
# (optiboot is GPL-2.0 and stays outside this repository: only this recipe is ours).
set -euo pipefail
out=${1:?usage: build-optiboot.sh OUT_DIR}
src=${OPTIBOOT_SRC:-/usr/share/arduino/hardware/arduino/avr/bootloaders/optiboot}
[ -f "$src/optiboot.c" ] || { echo "build-optiboot: $src/optiboot.c missing (apt-get install arduino-core-avr)" >&2; exit 1; }
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
avr-gcc -Os -g -fno-inline-small-functions -fno-split-wide-types -mrelax -mmcu=atmega328p \
  -DF_CPU=16000000L -DLED_START_FLASHES=0 -DBAUD_RATE=115200 -I"$src" \
  -Wl,--section-start=.text=0x7e00 -Wl,--section-start=.version=0x7ffe -Wl,--relax -nostartfiles -nostdlib \
  -o "$work/optiboot.elf" "$src/optiboot.c"
text=$(avr-size -A "$work/optiboot.elf" | awk '$1==".text"{print $2}')
if [ "$text" -gt 510 ]; then
  echo "build-optiboot: optiboot is $text bytes, more than the 512-byte boot section allows" >&2
  exit 1
fi
avr-objcopy -j .text -j .data -j .version -O ihex "$work/optiboot.elf" "$work/optiboot.hex"
mv "$work/optiboot.hex" "$out/optiboot_atmega328.hex"
echo "build-optiboot: $out/optiboot_atmega328.hex ($text bytes of code)"
