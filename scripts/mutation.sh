#!/usr/bin/env bash
# Mutation testing of the game's core, the one command docs/mutation.md gives:
#
#     scripts/mutation.sh [engine|session|loading|all]     (default: all)
#
# mutmut (configured in pyproject.toml, [tool.mutmut]) copies the source to
# mutants/, changes one operator, constant or call at a time in engine/,
# session/record.py, session/saves.py, loading/checker.py, loading/refs.py
# and loading/merge.py, and runs the tests that call the changed function; a
# mutant the tests do not notice "survived".  It runs niced on at most
# MUTATION_JOBS (default 2) processes, reuses earlier results for code that
# did not change, and ends with the counts per module (scripts/mutation_summary.py).
# MUTATION_SAMPLE=037 checks only the mutants whose number ends in one of
# those digits (about 30%), for a quicker measure on a busy machine.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! .venv/bin/python -c "import mutmut, pytest_timeout" 2>/dev/null; then
  .venv/bin/pip install -q -e ".[test,mutation]"
fi

# Each part runs only the fast test files that exercise it (tests/conftest.py
# keeps the files named in EURASIA_TEST_FILES); the files must also be listed
# in pyproject.toml's pytest_add_cli_args_test_selection.
ENGINE_TESTS="tests/test_engine.py tests/test_engine_direct.py tests/test_decided.py tests/test_effects.py tests/test_conditions.py tests/test_describe.py tests/test_facilitator.py tests/test_records_golden.py tests/test_objectives.py tests/test_redlines.py tests/test_preview.py tests/test_compiled_quiet.py tests/test_candidates.py tests/test_condition_bounds.py tests/test_engine_edges.py"
SESSION_TESTS="tests/test_records.py tests/test_saves.py tests/test_saves_fixtures.py"
LOADING_TESTS="tests/test_checker_table.py tests/test_checker_walks.py tests/test_merge_layers.py tests/test_checker.py tests/test_checker_messages.py tests/test_mods.py"

run_part() {  # part, test files, mutant name patterns...
  local part=$1 files=$2
  shift 2
  # Which tests reach which function is measured once per part: a part's
  # record is useless to another part, so it is dropped when the part changes.
  if [ "$(cat mutants/.part 2>/dev/null)" != "$part" ]; then
    rm -f mutants/mutmut-stats.json
  fi
  if [ -n "${MUTATION_SAMPLE:-}" ]; then  # e.g. 037: only mutants whose number ends in 0, 3 or 7
    local patterns=()
    for pattern in "$@"; do patterns+=("${pattern}__mutmut_*[${MUTATION_SAMPLE}]"); done
    set -- "${patterns[@]}"
  fi
  local start=$(date +%s)
  # mutmut exits non-zero when mutants survive; the summary says how many.
  EURASIA_TEST_FILES="$files" nice -n 10 .venv/bin/mutmut run --max-children "${MUTATION_JOBS:-2}" "$@" || true
  mkdir -p mutants && echo "$part" > mutants/.part
  echo "mutation run of $part: $(( $(date +%s) - start )) seconds"
}

case "${1:-all}" in
  engine)  run_part engine "$ENGINE_TESTS" "eurasia_game.engine.*" ;;
  session) run_part session "$SESSION_TESTS" "eurasia_game.session.record.*" "eurasia_game.session.saves.*" ;;
  loading) run_part loading "$LOADING_TESTS" "eurasia_game.loading.checker.*" "eurasia_game.loading.refs.*" "eurasia_game.loading.merge.*" ;;
  all)
    run_part engine "$ENGINE_TESTS" "eurasia_game.engine.*"
    run_part session "$SESSION_TESTS" "eurasia_game.session.record.*" "eurasia_game.session.saves.*"
    run_part loading "$LOADING_TESTS" "eurasia_game.loading.checker.*" "eurasia_game.loading.refs.*" "eurasia_game.loading.merge.*"
    ;;
  *) echo "usage: scripts/mutation.sh [engine|session|loading|all]" >&2; exit 2 ;;
esac
.venv/bin/python scripts/mutation_summary.py "${1:-all}"
