#!/usr/bin/env bash
# Mutation testing of the game's core, the one command docs/mutation.md gives:
#
#     scripts/mutation.sh [engine|session|loading|all]     (default: all)
#
# mutmut (configured in pyproject.toml, [tool.mutmut]) copies the source to
# mutants/, changes one operator, constant or call at a time in engine/,
# session/record.py, session/saves.py, loading/checker.py and
# loading/merge.py, and runs the tests that call the changed function; a
# mutant the tests do not notice "survived".  It runs niced on at most
# MUTATION_JOBS (default 2) processes, reuses earlier results for code that
# did not change, and ends with the counts per module (scripts/mutation_summary.py).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! .venv/bin/python -c "import mutmut, pytest_timeout" 2>/dev/null; then
  .venv/bin/pip install -q -e ".[test,mutation]"
fi

case "${1:-all}" in
  engine)  names=("eurasia_game.engine.*") ;;
  session) names=("eurasia_game.session.record.*" "eurasia_game.session.saves.*") ;;
  loading) names=("eurasia_game.loading.checker.*" "eurasia_game.loading.merge.*") ;;
  all)     names=() ;;
  *) echo "usage: scripts/mutation.sh [engine|session|loading|all]" >&2; exit 2 ;;
esac

start=$(date +%s)
# mutmut exits non-zero when mutants survive; the summary below says how many.
nice -n 10 .venv/bin/mutmut run --max-children "${MUTATION_JOBS:-2}" "${names[@]}" || true
echo "mutation run seconds: $(( $(date +%s) - start ))"
.venv/bin/python scripts/mutation_summary.py "${1:-all}"
