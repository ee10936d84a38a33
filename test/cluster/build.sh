#!/usr/bin/env bash
# Builds the real-cluster tier's binaries from the Go module proxy into a cache keyed by
# each component's inputs (this script, its go.mod and go.sum, its sources), and prints the
# directory that holds them all (bin/ and kwok-stages.yaml).
#
#   control plane  kube-apiserver, kube-controller-manager, kube-scheduler  (controlplane/)
#   etcd           etcd                                                     (etcd/)
#   helm           helm                                                     (helm/)
#   kwok           kwok and its stages: fake nodes whose pods become Ready  (kwok/)
#   harness        cluster-harness: starts and stops the control plane      (harness/)
#
# Where KUBEBUILDER_ASSETS holds kube-apiserver and etcd (setup-envtest's layout), those are
# used instead of building them; the rest is built as usual.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/platform-ci/cluster"
export GOFLAGS="${GOFLAGS:-} -trimpath -mod=readonly"

# The versions each binary reports: /version must be real, or clients misjudge the server.
KUBERNETES_VERSION=v1.36.3
HELM_VERSION=v4.3.2

key_of() { # component dir -> short hash of everything that decides its build
    cat "$0" "$here/$1"/go.mod "$here/$1"/go.sum "$here/$1"/*.go | sha256sum | cut -c1-16
}

# build COMPONENT LDFLAGS NAME=PACKAGE... : `go build` each package into the component's
# cache entry as bin/NAME, once per key (a binary appears only when its build finished).
build() {
    local component=$1 ldflags=$2; shift 2
    local dir="$cache/$component-$(key_of "$component")/bin" target name
    mkdir -p "$dir"
    for target in "$@"; do
        name=${target%%=*}
        if [ ! -x "$dir/$name" ]; then
            echo "building $name (once per change of its inputs; minutes on a cold machine)" >&2
            (cd "$here/$component" && go build -ldflags "$ldflags" -o "$dir/$name.partial" "${target#*=}") >&2
            mv "$dir/$name.partial" "$dir/$name"
        fi
        ln -sf "$dir/$name" "$out/bin/$name"
    done
}

out="$cache/current-$(for c in controlplane etcd helm kwok harness; do key_of "$c"; done | sha256sum | cut -c1-16)"
mkdir -p "$out/bin"

if [ -n "${KUBEBUILDER_ASSETS:-}" ] && [ -x "$KUBEBUILDER_ASSETS/kube-apiserver" ] && [ -x "$KUBEBUILDER_ASSETS/etcd" ]; then
    echo "kube-apiserver and etcd from KUBEBUILDER_ASSETS=$KUBEBUILDER_ASSETS" >&2
    ln -sf "$KUBEBUILDER_ASSETS/kube-apiserver" "$KUBEBUILDER_ASSETS/etcd" "$out/bin/"
    skip_apiserver=1
fi

minor=${KUBERNETES_VERSION#v1.}; minor=${minor%%.*}
kube_ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    kube_ldflags+=" -X $pkg.gitVersion=$KUBERNETES_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
    kube_ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
done
if [ -z "${skip_apiserver:-}" ]; then
    build controlplane "$kube_ldflags" kube-apiserver=k8s.io/kubernetes/cmd/kube-apiserver
    build etcd "-s -w" etcd=go.etcd.io/etcd/server/v3
fi
build controlplane "$kube_ldflags" kube-controller-manager=k8s.io/kubernetes/cmd/kube-controller-manager kube-scheduler=k8s.io/kubernetes/cmd/kube-scheduler
build helm "-s -w -X helm.sh/helm/v4/internal/version.version=$HELM_VERSION -X helm.sh/helm/v4/internal/version.gitTreeState=clean" helm=helm.sh/helm/v4/cmd/helm
build kwok "-s -w" kwok=sigs.k8s.io/kwok/cmd/kwok
build harness "-s -w" cluster-harness=.

# kwok's "fast" stages, from the module at the version go.sum pins: nodes become Ready,
# pods Running and Ready at once, a Job's pods complete, deleted pods go.
if [ ! -s "$out/kwok-stages.yaml" ]; then
    stages="$(cd "$here/kwok" && go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)/kustomize/stage"
    for file in node/fast/node-initialize.yaml pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
        printf -- '---\n'; cat "$stages/$file"
    done > "$out/kwok-stages.yaml"
fi
echo "$out"
