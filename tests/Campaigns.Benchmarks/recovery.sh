#!/usr/bin/env bash
# How long after a SIGKILL every due push is settled, and whether any was lost or created twice (issue 9.1).
# Kept for its old command lines; it runs cases (a) and (b) of faults.sh with fewer pushes:
#
#   bash tests/Campaigns.Benchmarks/recovery.sh single [PUSHES]    faults.sh a --pushes PUSHES (default 20)
#   bash tests/Campaigns.Benchmarks/recovery.sh cluster [PUSHES]   faults.sh b --pushes PUSHES (default 300)
#
# The table goes to artifacts/benchmarks/recovery.md. See faults.sh for what is measured.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
case ${1:-single} in
single) exec bash "$here/faults.sh" a --pushes "${2:-20}" --output artifacts/benchmarks/recovery.md ;;
cluster) exec bash "$here/faults.sh" b --pushes "${2:-300}" --output artifacts/benchmarks/recovery.md ;;
*) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
