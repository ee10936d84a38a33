#!/usr/bin/env bash
# Where ../shared/reference is not beside the project (GitHub runners): pulls every chart
# the default plans pin (`helm pull --untar`, at the pinned version) into DIR/charts/<chart>/,
# as the tier reads it. Needs helm; reads plan-out/{dev,prod}.
#
#   bash test/cluster/pull-reference.sh DIR
#   export PLATFORM_REFERENCE_CHARTS=DIR/charts
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${1:?usage: pull-reference.sh DIR}
mkdir -p "$dir/charts"

node -e '
for (const stack of ["dev", "prod"]) {
    for (const r of require(`./plan-out/${stack}/resources.json`)) {
        if (r.type.startsWith("kubernetes:helm.sh/")) console.log([r.inputs.chart, r.inputs.version, r.inputs.repositoryOpts?.repo ?? ""].join("\t"));
    }
}' | sort -u | while IFS=$'\t' read -r ref version repo; do
    name=$(basename "$ref")
    [ -d "$dir/charts/$name" ] && continue
    if [ -n "$repo" ]; then
        helm pull "$ref" --repo "$repo" --version "$version" --untar --untardir "$dir/charts"
    else
        helm pull "$ref" --version "$version" --untar --untardir "$dir/charts"
    fi
done
ls "$dir/charts"
