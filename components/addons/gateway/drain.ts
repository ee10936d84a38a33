// On destroy, waits until Envoy Gateway has deleted the proxy Service, and with it the
// AWS Load Balancer Controller has deleted the NLB, before the controller goes.
//
// Deleting the Gateway returns at once (it has no finalizer); Envoy Gateway then deletes
// the proxy Deployment and Service (v1.9.0 internal/infrastructure/runner/runner.go:114-115,
// kubernetes/proxy_infra.go:39-50), and the Service stays until the controller has removed
// the NLB and its finalizer service.k8s.aws/resources (aws-load-balancer-controller v3.5.0
// pkg/shared_constants/finalizers.go:10-11, controllers/service/service_controller.go:225-237).
// Nothing Pulumi deletes waits for that: the proxy objects are owned by the GatewayClass
// without blockOwnerDeletion (resource_provider.go:138-155), so not even a foreground delete
// of the class blocks on them. Were the controller uninstalled first, the Service would keep
// its finalizer and the NLB, its ENIs and security group would outlive the cluster and block
// the VPC's deletion. This command sits between the controller (it depends on it) and the
// Gateway (which depends on it): its delete polls for the Service with kubectl.
import * as command from "@pulumi/command";
import type * as pulumi from "@pulumi/pulumi";

/** Labels Envoy Gateway puts on the proxy objects of a Gateway (v1.9.0 internal/gatewayapi/translator.go:34-42). */
export function owningGatewayLabels(gateway: { name: string; namespace: string }): Record<string, string> {
    return { "gateway.envoyproxy.io/owning-gateway-name": gateway.name, "gateway.envoyproxy.io/owning-gateway-namespace": gateway.namespace };
}

/** A shell script that reads a kubeconfig on stdin and waits (up to `timeoutSeconds`) until no proxy Service of the Gateway is left. */
export function drainScript(gateway: { name: string; namespace: string }, proxyNamespace: string, timeoutSeconds = 900): string {
    const selector = Object.entries(owningGatewayLabels(gateway))
        .map(([key, value]) => `${key}=${value}`)
        .join(",");
    const rounds = Math.ceil(timeoutSeconds / 5);
    return [
        "set -eu",
        'kubeconfig="$(mktemp)"; trap \'rm -f "$kubeconfig"\' EXIT; cat > "$kubeconfig"',
        `for _ in $(seq ${rounds}); do`,
        `  left="$(kubectl --kubeconfig "$kubeconfig" -n ${proxyNamespace} get services -l ${selector} -o name)"`,
        '  [ -z "$left" ] && exit 0',
        "  sleep 5",
        "done",
        `echo "the proxy Service of Gateway ${gateway.namespace}/${gateway.name} is still there after ${timeoutSeconds}s: its load balancer was not deleted" >&2`,
        "exit 1",
    ].join("\n");
}

export function proxyServiceDrain(
    name: string,
    args: { gateway: { name: string; namespace: string }; proxyNamespace: string; kubeconfig: pulumi.Input<string> },
    opts: pulumi.CustomResourceOptions,
): command.local.Command {
    return new command.local.Command(
        name,
        // The provider runs `delete` with /bin/sh -c and the stored stdin (pulumi-command 010bd8e0
        // provider/pkg/provider/local/commandController.go:95-98, commandOutputs.go:40-50, 97-98).
        { delete: drainScript(args.gateway, args.proxyNamespace), stdin: args.kubeconfig },
        opts,
    );
}
