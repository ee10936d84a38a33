// The peer of the prod plan: AWS CDK EKS Blueprints synthesising a comparable platform
// offline (account and region given, so no lookup): a VPC, EKS with managed node group, the
// EKS add-ons, metrics-server, the prometheus stack, Flux, Karpenter, KEDA, the Load
// Balancer Controller, cert-manager, ExternalDNS, External Secrets,
// Velero, an admission controller, a log store, and `APPS` web apps (Deployment, Service,
// HPA, PDB, NetworkPolicy, ConfigMap, ServiceAccount each) with a health-check CronJob.
// Add-ons Blueprints lacks (kube-prometheus-stack, Loki, Kyverno, Envoy Gateway) are its
// generic HelmAddOn; its Gateway API CRDs add-on is left out, as it downloads them while it
// synthesises. Plain JavaScript: the packages are installed by the bench into a cache
// directory (tools/bench/peer.ts), never into the project.
//   node tools/bench/peer/blueprints.cjs <node_modules dir> <out dir> [<apps>]
"use strict";
const { join } = require("node:path");

const [modules, outdir, appCount = "2"] = process.argv.slice(2);
const cdk = require(join(modules, "aws-cdk-lib"));
const eks = require(join(modules, "aws-cdk-lib/aws-eks"));
const blueprints = require(join(modules, "@aws-quickstart/eks-blueprints"));

class ChartAddOn extends blueprints.HelmAddOn {
    deploy(clusterInfo) {
        return Promise.resolve(this.addHelmChart(clusterInfo, this.props.values ?? {}, true));
    }
}

const chart = (name, chartName, repository, version, namespace, values = {}) =>
    new ChartAddOn({ name, chart: chartName, release: name, repository, version, namespace, values });

function webApp(name) {
    const labels = { app: name, env: "prod" };
    const meta = { name, namespace: "apps", labels };
    const container = {
        name,
        image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/prod/${name}:1.0.0`,
        ports: [{ containerPort: 9898 }],
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
        securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
        envFrom: [{ configMapRef: { name } }],
    };
    return [
        { apiVersion: "v1", kind: "ServiceAccount", metadata: meta },
        { apiVersion: "v1", kind: "ConfigMap", metadata: meta, data: { GREETING: "hello" } },
        {
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: meta,
            spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { serviceAccountName: name, containers: [container] } } },
        },
        { apiVersion: "v1", kind: "Service", metadata: meta, spec: { selector: labels, ports: [{ port: 80, targetPort: 9898 }] } },
        {
            apiVersion: "autoscaling/v2",
            kind: "HorizontalPodAutoscaler",
            metadata: meta,
            spec: {
                scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
                minReplicas: 2,
                maxReplicas: 6,
                metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }],
            },
        },
        { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: meta, spec: { minAvailable: 1, selector: { matchLabels: labels } } },
        {
            apiVersion: "networking.k8s.io/v1",
            kind: "NetworkPolicy",
            metadata: meta,
            spec: { podSelector: { matchLabels: labels }, ingress: [{ ports: [{ port: 9898 }] }] },
        },
    ];
}

/** The apps, as manifests of the cluster the blueprint builds. */
class AppsAddOn {
    constructor(count) {
        this.count = count;
    }
    deploy(clusterInfo) {
        const cluster = clusterInfo.cluster;
        const namespace = cluster.addManifest("apps-namespace", { apiVersion: "v1", kind: "Namespace", metadata: { name: "apps" } });
        for (let index = 1; index <= this.count; index++) {
            cluster.addManifest(`app-${index}`, ...webApp(`app-${index}`)).node.addDependency(namespace);
        }
        const job = {
            apiVersion: "batch/v1",
            kind: "CronJob",
            metadata: { name: "health-check", namespace: "apps" },
            spec: {
                schedule: "*/5 * * * *",
                jobTemplate: { spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "check", image: "curlimages/curl:8.11.1" }] } } } },
            },
        };
        cluster.addManifest("health-check", job).node.addDependency(namespace);
        return Promise.resolve(namespace);
    }
}

async function main() {
    const app = new cdk.App({ outdir });
    const hostedZone = "platform-zone";
    await blueprints.EksBlueprint.builder()
        .account("123456789012")
        .region("us-east-1")
        .version(eks.KubernetesVersion.V1_34)
        .resourceProvider(hostedZone, new blueprints.ImportHostedZoneProvider("Z0000000000000EXAMPLE", "apps.example.com"))
        .clusterProvider(
            new blueprints.MngClusterProvider({ minSize: 2, maxSize: 6, desiredSize: 3, instanceTypes: [new cdk.aws_ec2.InstanceType("m7i.large")] }),
        )
        .addOns(
            new blueprints.addons.VpcCniAddOn(),
            new blueprints.addons.CoreDnsAddOn(),
            new blueprints.addons.KubeProxyAddOn(),
            new blueprints.addons.EbsCsiDriverAddOn(),
            new blueprints.addons.MetricsServerAddOn(),
            chart("kube-prometheus-stack", "kube-prometheus-stack", "https://prometheus-community.github.io/helm-charts", "88.5.3", "monitoring"),
            new blueprints.addons.FluxCDAddOn(),
            new blueprints.addons.KarpenterV1AddOn(),
            new blueprints.addons.KedaAddOn(),
            new blueprints.addons.AwsLoadBalancerControllerAddOn(),
            new blueprints.addons.CertManagerAddOn(),
            chart("envoy-gateway", "gateway-helm", "oci://docker.io/envoyproxy", "v1.9.0", "envoy-gateway-system"),
            new blueprints.addons.ExternalDnsAddOn({ hostedZoneResources: [hostedZone] }),
            new blueprints.addons.ExternalsSecretsAddOn(),
            new blueprints.addons.VeleroAddOn(),
            chart("kyverno", "kyverno", "https://kyverno.github.io/kyverno", "3.9.0", "kyverno"),
            chart("loki", "loki", "https://grafana-community.github.io/helm-charts", "18.11.0", "logging"),
            new AppsAddOn(Number(appCount)),
        )
        .buildAsync(app, "platform-prod");
    app.synth();
    console.log(JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
}

main().catch((error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
});
