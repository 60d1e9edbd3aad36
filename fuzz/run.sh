#!/usr/bin/env bash
# Fuzzes one of copro's loaders with cargo-fuzz (libFuzzer), niced, for a given time.
#
#     bash fuzz/run.sh questionnaire|assessment|policy [SECONDS]   # default 1800
#
# Needs a nightly toolchain and cargo-fuzz; installs cargo-fuzz when it is missing. Any
# input that panics or needs over 512 MB stops the run; one that takes over a second
# (-timeout=1) is saved and the run goes on. Both are saved under fuzz/artifacts/TARGET/;
# time a saved input again on a quiet machine with
# `cargo +nightly fuzz run -s none TARGET FILE`, which prints how long it took. The corpus
# grows in fuzz/corpus/TARGET/, starting from the repository's own files of that kind (the
# bundled questionnaires, the examples, the test fixtures) and fuzz/seeds/policy/. copro
# has no unsafe code, so the fuzzer runs without a sanitizer, several times faster.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?name a target: questionnaire, assessment or policy}
seconds=${2:-1800}
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
mkdir -p "corpus/$target" "target/seeds/$target"
case $target in
    questionnaire) cp ../questionnaires/*.toml ../tests/cmd/questionnaire-validate.in/*.toml "target/seeds/$target/" ;;
    assessment) cp ../examples/assessments/*.toml ../examples/progress/*.toml ../tests/cmd/score-errors.in/*.toml "target/seeds/$target/" ;;
    policy) cp ../examples/copro-policy.toml seeds/policy/*.toml "target/seeds/$target/" ;;
    *) echo "unknown target $target: questionnaire, assessment or policy" >&2; exit 2 ;;
esac
exec nice -n 10 cargo +nightly fuzz run -s none "$target" "corpus/$target" "target/seeds/$target" -- \
    -fork=1 -ignore_timeouts=1 -dict=toml.dict -max_total_time="$seconds" -timeout=1 \
    -rss_limit_mb=512 -max_len=65536 -print_final_stats=1
