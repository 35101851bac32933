#!/usr/bin/env bash
# Build the PyInstaller one-folder app and check it starts: prints build time, size, and
# the --self-test report; exits non-zero when the build or the self-test fails.
# Too slow for every CI run (minutes); run it before a release.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}  # PY=/path/to/python for another environment
"$PY" -m PyInstaller --version >/dev/null 2>&1 || "$PY" -m pip install -q "pyinstaller>=6.0"
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --log-level WARN build.spec
built=$(( $(date +%s) - start ))
size=$(du -sh dist/pose-desktop | cut -f1)
echo "build: ${built} s, dist/pose-desktop: ${size}"
app=dist/pose-desktop
for f in LICENSE THIRD_PARTY_NOTICES.txt; do  # shipped beside the executable
  [ -s "$app/$f" ] || { echo "missing $app/$f"; exit 1; }
done
grep -q "pi_heif" "$app/THIRD_PARTY_NOTICES.txt" || { echo "notices lack pi-heif (libheif: LGPL)"; exit 1; }
QT_QPA_PLATFORM=offscreen "$app/pose-desktop" --help | head -3  # starts and exits without a display
tmp=$(mktemp -d)
rc=0
QT_QPA_PLATFORM=offscreen POSE_DATA_DIR="$tmp/data" POSE_CONFIG_DIR="$tmp/config" \
  dist/pose-desktop/pose-desktop --self-test --catalog "$tmp/catalog.sqlite" || rc=$?
rm -rf "$tmp"
echo "{\"build_s\": $built, \"size\": \"$size\", \"self_test_rc\": $rc}"
exit $rc
