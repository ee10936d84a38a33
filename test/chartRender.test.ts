// Every Helm release of both default plans rendered through its real chart at the pinned
// version (`helm template`, the values as the plan records them): the YAML parses, every
// object of a kind with a known schema validates, and what the platform asks of a chart
// is what the chart writes. Needs helm (built by test/cluster/build.sh, or on PATH) and
// the unpacked charts of ../shared/reference; skipped with one line without them.
import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";

import { VIEW_ROLE_READS } from "../components/addons/admissionPolicy/reportsAccess";
import { IRSA_ROLE_ANNOTATION, WORKLOAD_IDENTITY_ANNOTATION } from "../components/cluster/workloadIdentity";
import { releasePods } from "../offline/capacity/chartPods";
import { memoryRequest, podMemory } from "../offline/capacity/podFootprint";
import { loadModel } from "../offline/validation/loadModel";
import { schemaViolations } from "../offline/validation/schemaViolations";
import { parseManifests, referenceCharts, renderRelease } from "./cluster/lib/helmTemplate";
import type { KubeObject } from "./cluster/lib/kubeApi";
import { kubeVersionOf } from "./cluster/lib/variants";
import { evaluateStackFile, PROJECT_ROOT, Resources } from "./harness/evaluateStack";
import { findHelm } from "./harness/helmBinary";
import { T } from "./harness/resourceTypes";
import { roleBinding, withWorkloadIdentity } from "./harness/workloadIdentity";

const RELEASE = "kubernetes:helm.sh/v3:Release";
/** apiVersions of the Kubernetes API itself: the core group and the `*.k8s.io` groups, and apps, batch, autoscaling, policy. */
const BUILT_IN_GROUP = /^(v1|(apps|batch|autoscaling|policy)\/[^/]+|[a-z.]*k8s\.io\/[^/]+)$/;

/**
 * The object as the API server reads it: a null field is an unset one (a chart's `key: ~`
 * renders `imagePullPolicy:` with no value, which the server defaults).
 */
function withoutNulls(value: KubeObject): KubeObject {
    return JSON.parse(JSON.stringify(value, (_key, item: unknown) => (item === null ? undefined : item))) as KubeObject;
}

describe("the releases rendered through the real charts", function () {
    const helm = findHelm();
    const rendered = new Map<string, Map<string, KubeObject[]>>();
    const plans = new Map<string, Resources>();
    const plansOf = (stack: string) => plans.get(stack)!;

    before(async function () {
        if (!helm || !existsSync(referenceCharts())) {
            console.log(`      skipped: ${!helm ? "no helm (run test/cluster/build.sh, or put helm on PATH)" : `no charts at ${referenceCharts()}`}`);
            this.skip();
        }
        this.timeout(120_000);
        plans.set("dev", await evaluateStackFile("dev", { "platform:externalIntegrationKey": "placeholder" }));
        plans.set("prod", await evaluateStackFile("prod"));
        for (const [stack, plan] of plans) {
            const kubeVersion = kubeVersionOf(plan.all);
            const releases = new Map<string, KubeObject[]>();
            for (const release of plan.ofType(RELEASE)) {
                releases.set(release.name, await renderRelease(release, { helm: helm!, kubeVersion, apiVersions: [] }));
            }
            rendered.set(stack, releases);
        }
    });

    it("renders every release of dev and prod into objects (YAML Helm and the API server can read)", () => {
        for (const [stack, releases] of rendered) {
            for (const [name, objects] of releases) {
                assert.ok(objects.length > 0, `${stack}: ${name} renders no object`);
            }
        }
    });

    // Custom kinds are left to the cluster tier, where the API server checks them against
    // the CRDs the charts install (the generated models of some CRDs are stricter than the
    // CRD: Prometheus' embedded volumeClaimTemplate, for one).
    it("renders built-in objects that validate against the Kubernetes schemas", async () => {
        for (const [stack, releases] of rendered) {
            const manifests = [...releases].flatMap(([name, objects]) =>
                objects.map((object) => ({ resource: { type: RELEASE, name }, object: withoutNulls(object) })),
            );
            const known = [];
            for (const manifest of manifests) {
                const { apiVersion, kind } = manifest.object;
                if (BUILT_IN_GROUP.test(apiVersion) && (await loadModel(apiVersion, kind))) {
                    known.push(manifest);
                }
            }
            assert.deepEqual(
                (await schemaViolations(known)).map((violation) => `${stack}: ${violation.object} ${violation.message}`),
                [],
            );
        }
    });

    // Both CRD sets come from gateway-crds-helm (helm.v4.Chart, rendered by the provider): with the platform's values
    // they hold exactly the objects of the release manifests they replace (gateway-api v1.6.1 standard-install.yaml,
    // envoy gateway v1.9.0 envoy-gateway-crds.yaml), and nothing of the experimental channel.
    it("renders the Gateway API standard channel and Envoy Gateway's CRDs from gateway-crds-helm, as the release manifests hold them", async function () {
        const bundles = join(referenceCharts(), "..", "crds", "bundles");
        if (!existsSync(bundles)) {
            this.skip();
        }
        const plan = await evaluateStackFile("dev", { "platform:externalIntegrationKey": "placeholder" });
        const kubeVersion = kubeVersionOf(plan.all);
        const identity = (object: KubeObject) => `${object.kind}/${object.metadata.name}`;
        for (const [name, bundle] of [
            ["gateway-gateway-api-crds", "gateway-api-v1.6.1-standard-install.yaml"],
            ["gateway-envoy-gateway-crds", "envoy-gateway-v1.9.0-envoy-gateway-crds.yaml"],
        ]) {
            const record = plan.get("kubernetes:helm.sh/v4:Chart", name);
            const rendered = await renderRelease(
                { ...record, inputs: { ...record.inputs, name, namespace: "default" } },
                { helm: helm!, kubeVersion, apiVersions: [] },
            );
            const expected = parseManifests(readFileSync(join(bundles, bundle), "utf8"), bundle);
            assert.deepEqual(rendered.map(identity).sort(), expected.map(identity).sort(), name);
            const byIdentity = new Map(expected.map((object) => [identity(object), object]));
            for (const object of rendered) {
                assert.deepEqual(withoutNulls(object).spec, withoutNulls(byIdentity.get(identity(object))!).spec, `${name}: ${identity(object)}`);
            }
        }
    });

    it("lets Kyverno's reports controller get, list and watch every resource the policies match: its aggregated roles plus view (templates/reports-controller/clusterrole.yaml:1-14, 167-186, kyverno 3.9.0)", () => {
        type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
        const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
            Object.entries(selector).every(([key, value]) => labels[key] === value);
        for (const [stack, releases] of rendered) {
            const objects = releases.get("admission-policy-kyverno")!;
            const roles = objects.filter((object) => object.kind === "ClusterRole") as unknown as {
                metadata: { name: string; labels?: Record<string, string> };
                aggregationRule?: { clusterRoleSelectors: { matchLabels: Record<string, string> }[] };
                rules?: Rule[];
            }[];
            const binding = objects.find(
                (object) =>
                    object.kind === "ClusterRoleBinding" &&
                    (object.subjects as { name: string }[])[0].name === "kyverno-reports-controller" &&
                    (object.roleRef as { name: string }).name !== "view",
            )!;
            const role = roles.find((candidate) => candidate.metadata.name === (binding.roleRef as { name: string }).name)!;
            // The API server fills an aggregated role with the rules of every ClusterRole its selectors match.
            const aggregated = roles.filter((candidate) =>
                role.aggregationRule!.clusterRoleSelectors.some((selector) => matches(selector.matchLabels, candidate.metadata.labels ?? {})),
            );
            const granted = [
                ...aggregated.flatMap((candidate) => candidate.rules ?? []),
                ...Object.entries(VIEW_ROLE_READS).map(([group, resources]) => ({
                    apiGroups: [group],
                    resources: [...resources],
                    verbs: ["get", "list", "watch"],
                })),
            ];
            const policies = plansOf(stack)
                .ofType("kubernetes:policies.kyverno.io/v1:ValidatingPolicy")
                .map((r) => r.inputs as any);
            for (const rule of policies.flatMap((policy: any) => policy.spec.matchConstraints.resourceRules)) {
                for (const group of rule.apiGroups as string[]) {
                    for (const resource of rule.resources as string[]) {
                        for (const verb of ["get", "list", "watch"]) {
                            assert.ok(
                                granted.some((g) => g.apiGroups.includes(group) && g.resources.includes(resource) && g.verbs.includes(verb)),
                                `${stack}: reports controller cannot ${verb} ${group}/${resource}`,
                            );
                        }
                    }
                }
            }
        }
    });

    it("scrapes KEDA's operator without honorLabels, so its namespace label is stored as exported_namespace (the KEDA alerts read that)", () => {
        for (const [stack, releases] of rendered) {
            const serviceMonitor = releases.get("keda-operator")!.find((object) => object.kind === "ServiceMonitor")!;
            const endpoints = (serviceMonitor.spec as { endpoints: { honorLabels?: boolean }[] }).endpoints;
            assert.ok(endpoints.length > 0 && endpoints.every((endpoint) => endpoint.honorLabels !== true), stack);
        }
    });

    it("models the pods of every release as the chart renders them: workloads, replicas and memory requests, chart defaults included (offline/capacity/chartPods.ts)", () => {
        for (const [stack, releases] of rendered) {
            for (const release of plansOf(stack).ofType(RELEASE)) {
                const inputs = release.inputs as { chart: string; name: string; values?: Record<string, unknown> };
                const modelled = releasePods(inputs.chart, inputs.name, inputs.values ?? {});
                if (!modelled) {
                    continue;
                }
                const objects = releases.get(release.name)! as any[];
                // The operator's config reloaders: the chart passes their requests as flags (templates/prometheus-operator/deployment.yaml:101-104).
                const reloaderFlag = objects
                    .flatMap((o) => (o.kind === "Deployment" ? o.spec.template.spec.containers.flatMap((c: any) => c.args ?? []) : []))
                    .find((arg: string) => arg.startsWith("--config-reloader-memory-request="));
                const reloader = reloaderFlag
                    ? memoryRequest({ requests: { memory: reloaderFlag.split("=")[1] === "0" ? "0" : reloaderFlag.split("=")[1] } })
                    : 0;
                const actual = objects.flatMap((o) => {
                    switch (o.kind) {
                        case "Deployment":
                        case "StatefulSet":
                            return [{ workload: `${o.kind}/${o.metadata.name}`, replicas: o.spec.replicas ?? 1, memoryBytes: podMemory(o.spec.template.spec) }];
                        case "DaemonSet":
                            return [{ workload: `${o.kind}/${o.metadata.name}`, replicas: 1, memoryBytes: podMemory(o.spec.template.spec) }];
                        case "Prometheus":
                        case "Alertmanager":
                            return [
                                {
                                    workload: `${o.kind}/${o.metadata.name}`,
                                    replicas: o.spec.replicas ?? 1,
                                    memoryBytes: memoryRequest(o.spec.resources) + reloader,
                                },
                            ];
                        default:
                            return [];
                    }
                });
                const byName = (list: { workload: string }[]) => [...list].sort((a, b) => a.workload.localeCompare(b.workload));
                assert.deepEqual(byName(modelled), byName(actual), `${stack}: ${release.name}`);
            }
        }
    });

    it("gives Alloy read access to pods, their logs and namespaces, and nothing else (templates/rbac.yaml:46-49, alloy helm-chart/1.11.1)", () => {
        for (const [stack, releases] of rendered) {
            const clusterRole = releases.get("logs-alloy")!.find((object) => object.kind === "ClusterRole")!;
            const rules = (clusterRole.rules as { apiGroups: string[]; resources: string[]; verbs: string[] }[]).flatMap((rule) =>
                rule.resources.map((resource) => `${rule.apiGroups.join(",")}/${resource}:${rule.verbs.join(",")}`),
            );
            assert.deepEqual(rules.sort(), ["/namespaces:get,list,watch", "/pods/log:get,list,watch", "/pods:get,list,watch"], stack);
        }
    });

    const objectsOf = (stack: string, release: string, kind: string) =>
        rendered
            .get(stack)!
            .get(release)!
            .filter((object) => object.kind === kind) as any[];
    const podOf = (stack: string, release: string, deployment: string) =>
        objectsOf(stack, release, "Deployment").find((object) => object.metadata.name === deployment).spec.template.spec;

    it("runs Velero's server with the AWS plugin copied into the plugin directory it reads, CSI snapshots on, and no node agent (velero 12.1.0 templates/deployment.yaml)", () => {
        const pod = podOf("prod", "backups-velero", "velero");
        const [plugin] = pod.initContainers;
        const server = pod.containers.find((container: any) => container.name === "velero");
        const mountOf = (container: any, path: string) => container.volumeMounts.find((mount: any) => mount.mountPath === path)?.name;
        assert.match(plugin.image, /velero-plugin-for-aws:/);
        // The plugin image copies itself to /target; the server loads plugins from /plugins: the same volume must back both.
        assert.ok(mountOf(plugin, "/target") && mountOf(plugin, "/target") === mountOf(server, "/plugins"), "the plugin lands where the server looks");
        assert.ok(server.args.includes("--features=EnableCSI"));
        assert.equal(pod.securityContext.runAsNonRoot, true);
        assert.deepEqual(objectsOf("prod", "backups-velero", "DaemonSet"), [], "no node agent");
    });

    it("gives Velero its credentials through its service account's role only: no credentials Secret or file, the role bound to the server's rendered service account", () => {
        assert.deepEqual(objectsOf("prod", "backups-velero", "Secret"), [], "no cloud credentials Secret");
        const pod = podOf("prod", "backups-velero", "velero");
        assert.ok(!JSON.stringify(pod).includes("AWS_SHARED_CREDENTIALS_FILE"), "no credentials file");
        const deployment = objectsOf("prod", "backups-velero", "Deployment")[0];
        const account = `${deployment.metadata.namespace}:${pod.serviceAccountName}`;
        const binding = roleBinding(plansOf("prod"), "backups-velero");
        assert.deepEqual([binding.serviceAccounts, binding.associated], [[account], [account]]);
    });

    it("points Velero's BackupStorageLocation at the stack's region, where its bucket is", () => {
        const [location] = objectsOf("prod", "backups-velero", "BackupStorageLocation");
        const stackRegion = (load(readFileSync(join(PROJECT_ROOT, "Pulumi.prod.yaml"), "utf8")) as { config: Record<string, string> }).config["aws:region"];
        assert.equal(location.spec.provider, "aws");
        assert.equal(location.spec.config.region, stackRegion);
    });

    // reloader 2.2.16 templates/deployment.yaml and role.yaml; Reloader's --resource-label-selector picks the Secrets it watches.
    it("has Reloader watch only the namespaces of the ExternalSecrets, only the Secrets the operator manages, and no ConfigMaps", () => {
        for (const [stack] of rendered) {
            if (!rendered.get(stack)!.has("external-secrets-reloader")) {
                continue;
            }
            const externalSecrets = plansOf(stack)
                .ofType("kubernetes:external-secrets.io/v1:ExternalSecret")
                .map((resource) => (resource.inputs as any).metadata.namespace);
            assert.ok(externalSecrets.length > 0, stack);
            const [container] = podOf(
                stack,
                "external-secrets-reloader",
                objectsOf(stack, "external-secrets-reloader", "Deployment")[0].metadata.name,
            ).containers;
            const flag = (name: string) =>
                container.args
                    .find((arg: string) => arg.startsWith(`--${name}=`))
                    ?.split("=")
                    .slice(1)
                    .join("=");
            const watched = flag("namespaces").split(",");
            assert.ok(
                externalSecrets.every((namespace) => watched.includes(namespace)),
                `${stack}: watches ${watched}`,
            );
            assert.deepEqual(objectsOf(stack, "external-secrets-reloader", "ClusterRole"), [], `${stack}: no cluster-wide access`);
            assert.equal(flag("resources-to-ignore"), "configmaps");
            // The label the operator puts on every Secret an ExternalSecret manages (external-secrets helm-chart-2.9.0
            // apis/externalsecrets/v1/externalsecret_types.go, LabelManaged and LabelManagedValue).
            assert.equal(flag("resource-label-selector"), "reconcile.external-secrets.io/managed=true");
        }
    });

    // keda 2.20.2 templates/manager/servicemonitor.yaml:1 needs prometheus.operator.enabled and its serviceMonitor.enabled.
    it("has the KEDA chart render a ServiceMonitor that selects its operator's metrics Service", () => {
        for (const [stack] of rendered) {
            const [monitor] = objectsOf(stack, "keda-operator", "ServiceMonitor");
            assert.ok(monitor, `${stack}: the chart renders its ServiceMonitor`);
            const selected = objectsOf(stack, "keda-operator", "Service").filter((service) =>
                Object.entries(monitor.spec.selector.matchLabels).every(([label, value]) => service.metadata.labels?.[label] === value),
            );
            assert.equal(selected.length, 1, stack);
            const ports = (selected[0].spec.ports as { name: string }[]).map((port) => port.name);
            assert.ok(
                monitor.spec.endpoints.every((endpoint: { port: string }) => ports.includes(endpoint.port)),
                `${stack}: ${ports}`,
            );
        }
    });

    it("tells the user port-forwards to Services and ports the charts render", () => {
        let checked = 0;
        for (const [stack, releases] of rendered) {
            const access = (plansOf(stack).outputs.monitoringAccess ?? {}) as Record<string, string>;
            // helm template leaves out the namespace where a chart's template does: the release's namespace applies.
            const services = plansOf(stack)
                .ofType(RELEASE)
                .flatMap((release) =>
                    releases
                        .get(release.name)!
                        .filter((object) => object.kind === "Service")
                        .map((object: any) => ({ ...object, namespace: object.metadata.namespace ?? (release.inputs as any).namespace })),
                );
            for (const [tool, command] of Object.entries(access)) {
                const forward = /^kubectl -n (\S+) port-forward svc\/(\S+) \d+:(\d+)$/.exec(command);
                if (!forward) {
                    continue;
                }
                const [, namespace, name, port] = forward;
                const service = services.find((object) => object.metadata.name === name && object.namespace === namespace);
                assert.ok(service, `${stack}: ${tool}: no Service ${namespace}/${name} rendered`);
                assert.ok(
                    (service.spec.ports as { port: number }[]).some((servicePort) => servicePort.port === Number(port)),
                    `${stack}: ${tool}: ${name} has no port ${port}`,
                );
                checked++;
            }
        }
        assert.ok(checked >= 2, "prod's Grafana and Alertmanager at least");
    });

    // flux2 2.18.3 templates/podmonitor.yaml:1 (prometheus.podMonitor.create), image-automation-controller.yaml (imageAutomationController.create).
    it("runs the Flux controllers the platform uses, without image automation, each scraped by the chart's PodMonitor", () => {
        for (const [stack] of rendered) {
            const deployments = objectsOf(stack, "gitops-flux", "Deployment");
            const names = deployments.map((deployment) => deployment.metadata.name);
            assert.ok(names.includes("source-controller") && names.includes("kustomize-controller"), `${stack}: ${names}`);
            assert.ok(!names.includes("image-automation-controller"), `${stack}: no image automation`);
            const [monitor] = objectsOf(stack, "gitops-flux", "PodMonitor");
            assert.ok(monitor, `${stack}: the chart renders its PodMonitor`);
            const { key, operator, values } = monitor.spec.selector.matchExpressions[0];
            assert.equal(operator, "In");
            for (const deployment of deployments) {
                assert.ok(values.includes(deployment.spec.template.metadata.labels[key]), `${stack}: ${deployment.metadata.name} is not scraped`);
            }
        }
    });

    // loki 18.11.0 (grafana-community) deploymentMode Monolithic: one single-binary StatefulSet, no simple-scalable targets.
    it("runs Loki as one StatefulSet, its volume of a StorageClass the stack plans on EKS, and Alloy pushes to the Service the chart renders", () => {
        for (const [stack] of rendered) {
            const loki = rendered.get(stack)!.get("logs-loki")! as any[];
            const workloads = loki.filter(
                (object) => ["Deployment", "StatefulSet"].includes(object.kind) && !/canary|gateway|cache/.test(object.metadata.name),
            );
            assert.deepEqual(
                workloads.map((object) => object.kind),
                ["StatefulSet"],
                `${stack}: ${workloads.map((object) => object.metadata.name)}`,
            );
            const storageClass = workloads[0].spec.volumeClaimTemplates?.[0]?.spec.storageClassName;
            if (stack === "prod") {
                const planned = plansOf(stack)
                    .ofType("kubernetes:storage.k8s.io/v1:StorageClass")
                    .map((resource) => (resource.inputs as any).metadata.name);
                assert.ok(planned.includes(storageClass), `${stack}: the volume's class ${storageClass} is one the stack plans (${planned})`);
            }
            const lokiNamespace = (plansOf(stack).get(RELEASE, "logs-loki").inputs as any).namespace;
            const config = JSON.stringify(
                rendered
                    .get(stack)!
                    .get("logs-alloy")!
                    .filter((object) => object.kind === "ConfigMap"),
            );
            const push = /http:\/\/([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local:(\d+)\/loki\/api\/v1\/push/.exec(config);
            assert.ok(push, `${stack}: Alloy's config pushes to an in-cluster Service`);
            const [, service, namespace, port] = push;
            assert.equal(namespace, lokiNamespace, stack);
            const target = loki.find((object) => object.kind === "Service" && object.metadata.name === service);
            assert.ok(
                target && target.spec.ports.some((servicePort: { port: number }) => servicePort.port === Number(port)),
                `${stack}: Loki renders ${service}:${port}`,
            );
        }
    });

    it("runs Alloy as a DaemonSet without host paths, read-only and without capabilities (alloy helm-chart/1.11.1 templates/controllers/daemonset.yaml)", () => {
        for (const [stack] of rendered) {
            const [daemonSet] = objectsOf(stack, "logs-alloy", "DaemonSet");
            assert.ok(daemonSet, stack);
            const pod = daemonSet.spec.template.spec;
            assert.deepEqual(
                (pod.volumes ?? []).filter((volume: any) => volume.hostPath),
                [],
                `${stack}: no hostPath`,
            );
            const alloy = pod.containers.find((container: any) => container.name === "alloy");
            assert.equal(alloy.securityContext.readOnlyRootFilesystem, true, stack);
            assert.deepEqual(alloy.securityContext.capabilities.drop, ["ALL"], stack);
            assert.ok(pod.securityContext.runAsNonRoot || pod.securityContext.runAsUser > 0, `${stack}: not root`);
        }
    });

    // The EKS Pod Identity webhook injects credentials into a pod when it is created, from its service account's
    // association (Pod Identity) or its eks.amazonaws.com/role-arn annotation (IRSA), the association first
    // (aws/amazon-eks-pod-identity-webhook v0.6.17 pkg/handler/handler.go:241-265,441-461). What each mode needs of the
    // rendered objects: a workload whose pods run as the bound service account, carrying the mode so a switch rolls them.
    it("binds each role to a service account the charts render, whose pods carry the mode; under Pod Identity no account names a role", async function () {
        this.timeout(120_000);
        const irsaPlan = await evaluateStackFile("prod", withWorkloadIdentity("prod", "irsa"));
        const kubeVersion = kubeVersionOf(irsaPlan.all);
        for (const [mode, plan] of [
            ["podIdentity", plansOf("prod")],
            ["irsa", irsaPlan],
        ] as const) {
            let checked = 0;
            for (const release of plan.ofType(RELEASE)) {
                const namespace = (release.inputs as any).namespace;
                const objects = (
                    mode === "podIdentity"
                        ? rendered.get("prod")!.get(release.name)!
                        : await renderRelease(release, { helm: helm!, kubeVersion, apiVersions: [] })
                ) as any[];
                const accounts = objects.filter((object) => object.kind === "ServiceAccount" && !object.metadata.annotations?.["helm.sh/hook"]);
                const pods = objects.filter((object) => ["Deployment", "StatefulSet", "DaemonSet"].includes(object.kind)).map((object) => object.spec.template);
                for (const account of accounts) {
                    const name = `${account.metadata.namespace ?? namespace}:${account.metadata.name}`;
                    const annotated = account.metadata.annotations?.[IRSA_ROLE_ANNOTATION];
                    const associated = plan
                        .ofType(T.podIdentityAssociation)
                        .find((association) => `${(association.inputs as any).namespace}:${(association.inputs as any).serviceAccount}` === name);
                    if (mode === "podIdentity") {
                        assert.equal(annotated, undefined, `${release.name}: ${name} names a role`);
                    }
                    const bound =
                        mode === "podIdentity"
                            ? associated && /:role\/(.+)-role$/.exec((associated.inputs as any).roleArn)?.[1]
                            : annotated && /:role\/(.+)-role$/.exec(annotated)?.[1];
                    if (!bound) {
                        continue;
                    }
                    assert.deepEqual(roleBinding(plan, bound).serviceAccounts, [name], `${mode}: ${release.name}: ${bound}`);
                    const users = pods.filter((pod) => (pod.spec.serviceAccountName ?? "default") === account.metadata.name);
                    assert.ok(users.length > 0, `${mode}: ${release.name}: no pod runs as ${name}`);
                    assert.ok(
                        users.every((pod) => pod.metadata.annotations?.[WORKLOAD_IDENTITY_ANNOTATION] === mode),
                        `${mode}: ${release.name}: pods of ${name} do not carry the mode`,
                    );
                    checked++;
                }
            }
            // The Load Balancer Controller, ExternalDNS, Karpenter, Velero, Loki and External Secrets.
            assert.equal(checked, 6, `${mode}: ${checked} bound service accounts`);
        }
    });

    // The program's ServiceMonitor stands in for the chart's (off, karpenter v1.14.1 servicemonitor.yaml:1).
    it("points Karpenter's ServiceMonitor at the metrics Service the chart renders", async () => {
        const plan = await evaluateStackFile("prod");
        const monitor = plan.get("kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "karpenter-service-monitor").inputs as any;
        const objects = rendered.get("prod")!.get("karpenter-controller")!;
        assert.deepEqual(
            objects.filter((object) => object.kind === "ServiceMonitor"),
            [],
            "the chart renders none of its own",
        );
        const selected = objects.filter(
            (object) =>
                object.kind === "Service" &&
                Object.entries(monitor.spec.selector.matchLabels).every(([label, value]) => (object.metadata as any).labels?.[label] === value) &&
                monitor.spec.namespaceSelector.matchNames.includes((object.metadata as any).namespace),
        );
        assert.equal(selected.length, 1, "selects exactly the chart's Service");
        assert.ok(((selected[0].spec as any).ports as { name: string }[]).some((port) => port.name === monitor.spec.endpoints[0].port));
    });
});
