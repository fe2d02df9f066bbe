#!/usr/bin/env bash
# Regenerates the help sections of docs/cli.md from 'perflab <verb> --help' (everything above the first
# "## perflab" heading is kept as written). Usage: docs/cli.sh [perflab command]; default: dotnet run of the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then perflab=("$@"); else
  dotnet build harness/PerfLab.Cli -v q -nologo >/dev/null
  perflab=(dotnet harness/PerfLab.Cli/bin/Debug/net10.0/perflab.dll)
fi
verbs=("" run validate runs report ingest export detect compare gate
       devices agent merge plan demo suites "suites list" "suites show" "suites export" emulate)
doc=docs/cli.md
head=$(sed '/^## perflab /,$d' "$doc")
{
  printf '%s\n\n' "$head"
  for v in "${verbs[@]}"; do
    printf '## perflab %s\n\n```text\n' "$v"
    # shellcheck disable=SC2086 # a verb with a subverb is two words
    COLUMNS=200 "${perflab[@]}" $v --help
    printf '```\n\n'
  done
  printf '## Regenerating this page\n\n```sh\ndocs/cli.sh            # or: docs/cli.sh path/to/perflab\n```\n'
} > "$doc.new"
mv "$doc.new" "$doc"
echo "wrote $doc"
