#!/usr/bin/env bash
# Regenerates this workshop: each participant's assessment from their plain-mode answer
# script (scripts/NAME.txt: one line per question or statement, in the order asked, an
# evidence note after the number on the same line; read with --no-evidence-prompts, so
# no line depends on the answer before it), then the combined report for the slides
# (report.md). Participants and roles are in
# participants.csv. Uses $COPRO if set, else builds copro from this repository.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
copro="${COPRO:-}"
if [ -z "$copro" ]; then
    cargo build --release --quiet --manifest-path "$here/../../Cargo.toml"
    copro="$here/../../target/release/copro"
fi
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

mkdir -p "$here/assessments"
tail -n +2 "$here/participants.csv" | while IFS=, read -r name role; do
    file="$(echo "$name" | tr '[:upper:]' '[:lower:]')"
    if ! "$copro" assess --plain --no-evidence-prompts --questionnaire tlap \
        --organisation "Meadowbank Community Support" --service "Supported living" \
        --role "$role" --name "$name" --assessed 2026-10-15 \
        --out "$here/assessments/$file.toml" --force \
        < "$here/scripts/$file.txt" > /dev/null 2> "$log"; then
        tail -n 5 "$log" >&2
        exit 1
    fi
done
"$copro" workshop "$here"/assessments/*.toml --format markdown > "$here/report.md"
echo "Wrote $(ls "$here"/assessments/*.toml | wc -l) assessments and report.md"
