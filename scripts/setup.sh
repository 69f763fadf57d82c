#!/usr/bin/env bash
# Installs what every test tier needs, idempotently: Debian packages, the Python venv with TFLite Micro
# (conformance tier), and the Arduino toolchain (see setup-arduino.sh). Fast when everything is present.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools=${TINYDEPLOY_TOOLS_DIR:-$root/.tools}
mkdir -p "$tools"

apt_packages=(
  build-essential gcc-avr avr-libc avrdude arduino-core-avr arduino-ctags simavr libsimavr-dev libsimavrparts1 udev
  gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib qemu-system-arm chromium
  python3-venv
)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python venv for the TFLM conformance tier: the tflite-micro package holds TFLM's interpreter.
venv="$tools/venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import tflite_micro, numpy" 2>/dev/null; then
  echo "setup: creating the TFLM Python venv in $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$root/scripts/requirements-tflm.txt"
fi

if [ -f "$root/scripts/setup-arduino.sh" ]; then
  bash "$root/scripts/setup-arduino.sh"
fi
if [ -f "$root/scripts/setup-vboard.sh" ]; then
  bash "$root/scripts/setup-vboard.sh"
fi
echo "setup: done (tools in $tools)"
