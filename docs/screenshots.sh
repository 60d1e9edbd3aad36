#!/usr/bin/env bash
# Makes the screenshots in the README: an HTML score report and an HTML workshop report
# of the examples, rendered by headless Chromium (Debian's `chromium`).
#
#     bash docs/screenshots.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
cd "$root"
cargo build --release --quiet --locked
copro="$root/target/release/copro"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$copro" score examples/assessments/riverside-home-care.toml --format html --out "$work/score.html"
"$copro" workshop examples/workshop/assessments/*.toml --format html --out "$work/workshop.html"

for page in score workshop; do
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$work/profile-$page" \
        --window-size=900,1100 --screenshot="$here/$page.png" \
        "file://$work/$page.html" 2> /dev/null
done
echo "Wrote docs/score.png and docs/workshop.png"
