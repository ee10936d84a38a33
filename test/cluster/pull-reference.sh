#!/usr/bin/env bash
# Where ../shared/reference is not beside the project (GitHub runners): pulls every chart
# the default plans pin (`helm pull --untar`, at the pinned version) and downloads the CRD
# bundles the plans apply, into DIR laid out as the tier reads it (charts/<chart>/,
# crds/bundles/<project>-<tag>-<file>). Needs helm and curl; reads plan-out/{dev,prod}.
#
#   bash test/cluster/pull-reference.sh DIR
#   export PLATFORM_REFERENCE_CHARTS=DIR/charts PLATFORM_REFERENCE_BUNDLES=DIR/crds/bundles
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${1:?usage: pull-reference.sh DIR}
mkdir -p "$dir/charts" "$dir/crds/bundles"

node -e '
for (const stack of ["dev", "prod"]) {
    for (const r of require(`./plan-out/${stack}/resources.json`)) {
        if (r.type === "kubernetes:helm.sh/v3:Release" || r.type === "kubernetes:helm.sh/v4:Chart") console.log(["chart", r.inputs.chart, r.inputs.version, r.inputs.repositoryOpts?.repo ?? ""].join("\t"));
        if (r.type === "kubernetes:yaml/v2:ConfigFile") console.log(["bundle", r.inputs.file].join("\t"));
    }
}' | sort -u | while IFS=$'\t' read -r what ref version repo; do
    if [ "$what" = chart ]; then
        name=$(basename "$ref")
        [ -d "$dir/charts/$name" ] && continue
        if [ -n "$repo" ]; then
            helm pull "$ref" --repo "$repo" --version "$version" --untar --untardir "$dir/charts"
        else
            helm pull "$ref" --version "$version" --untar --untardir "$dir/charts"
        fi
    else
        # …/<owner>/<project>/releases/download/<tag>/<file> -> <project>-<tag>-<file>
        IFS=/ read -r -a parts <<< "$ref"
        n=${#parts[@]}
        curl -fsSL "$ref" -o "$dir/crds/bundles/${parts[n-5]}-${parts[n-2]}-${parts[n-1]}"
    fi
done
ls "$dir/charts" "$dir/crds/bundles"
