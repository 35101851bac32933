#!/usr/bin/env bash
# Build the PyInstaller one-folder app and check it starts: prints build time, size, and
# the --self-test report; exits non-zero when the build or the self-test fails.
# Too slow for every CI run (minutes); run it before a release.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
"$PY" -m PyInstaller --version >/dev/null 2>&1 || .venv/bin/pip install -q pyinstaller
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --log-level WARN build.spec
built=$(( $(date +%s) - start ))
size=$(du -sh dist/pose-desktop | cut -f1)
echo "build: ${built} s, dist/pose-desktop: ${size}"
tmp=$(mktemp -d)
QT_QPA_PLATFORM=offscreen POSE_DATA_DIR="$tmp/data" POSE_CONFIG_DIR="$tmp/config" \
  dist/pose-desktop/pose-desktop --self-test --catalog "$tmp/catalog.sqlite"
rc=$?
rm -rf "$tmp"
echo "{\"build_s\": $built, \"size\": \"$size\", \"self_test_rc\": $rc}"
exit $rc
