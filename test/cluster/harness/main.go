// cluster-harness starts a real Kubernetes control plane on loopback for the platform's
// cluster tier: etcd and kube-apiserver through controller-runtime's envtest (random free
// ports, generated certificates, a service-account issuer and keys, RBAC, a client CA),
// then kube-controller-manager, kube-scheduler and kwok with one fake node, so namespaces
// terminate, Deployments get ReplicaSets and pods, and pods become Ready. kwok manages
// every node annotated kwok.x-k8s.io/node=fake, so a caller can add nodes of its own.
//
// It writes DIR/kubeconfig (a system:masters user), prints "ready DIR/kubeconfig" on stdout,
// and runs until its standard input closes, it gets SIGINT or SIGTERM, or --lifetime passes;
// then it stops every process (bounded) and removes DIR.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
)

// The fake node: large enough for every pod both default plans schedule, labelled like a
// Linux amd64 node so node selectors and affinities of the charts match it.
const nodeName = "kwok-node-0"

type options struct {
	assets, dir, stages string
	lifetime, timeout   time.Duration
}

func main() {
	var opts options
	flag.StringVar(&opts.assets, "assets", os.Getenv("KUBEBUILDER_ASSETS"), "directory with kube-apiserver, etcd, kube-controller-manager, kube-scheduler and kwok")
	flag.StringVar(&opts.dir, "dir", "", "working directory for the kubeconfig, certificates and logs (removed on exit)")
	flag.StringVar(&opts.stages, "kwok-stages", "", "kwok Stage objects (YAML) that move the fake node's pods through their lifecycle")
	flag.DurationVar(&opts.lifetime, "lifetime", 30*time.Minute, "stop by itself after this long, whatever the caller does")
	flag.DurationVar(&opts.timeout, "timeout", 90*time.Second, "bound on starting and on stopping")
	flag.Parse()
	if opts.assets == "" || opts.dir == "" || opts.stages == "" {
		fmt.Fprintln(os.Stderr, "usage: cluster-harness --assets DIR --dir DIR --kwok-stages FILE [--lifetime 30m] [--timeout 90s]")
		os.Exit(2)
	}
	if err := run(opts); err != nil {
		fmt.Fprintln(os.Stderr, "cluster-harness:", err)
		os.Exit(1)
	}
}

func run(opts options) (err error) {
	if err := os.MkdirAll(opts.dir, 0o700); err != nil {
		return err
	}
	env := newEnvironment(opts)
	config, err := env.Start()
	defer func() { err = errors.Join(err, stopAll(env, opts)) }()
	if err != nil {
		return fmt.Errorf("starting etcd and kube-apiserver: %w", err)
	}
	kubeconfig := filepath.Join(opts.dir, "kubeconfig")
	if err := os.WriteFile(kubeconfig, env.KubeConfig, 0o600); err != nil {
		return err
	}
	if err := startControllers(env, config, kubeconfig, opts); err != nil {
		return err
	}
	if err := waitUntilUsable(config, opts.timeout); err != nil {
		return err
	}
	fmt.Printf("ready %s\n", kubeconfig)
	waitForStop(opts.lifetime)
	return nil
}

func newEnvironment(opts options) *envtest.Environment {
	env := &envtest.Environment{
		BinaryAssetsDirectory:    opts.assets,
		ControlPlaneStartTimeout: opts.timeout,
		ControlPlaneStopTimeout:  opts.timeout,
	}
	apiServer := env.ControlPlane.GetAPIServer()
	args := apiServer.Configure()
	// envtest turns the ServiceAccount admission plugin off because it runs no controllers;
	// this harness runs them, so the server admits pods as a cluster does.
	args.Disable("disable-admission-plugins")
	// kind's service range: room for every Service of both plans.
	args.Set("service-cluster-ip-range", "10.96.0.0/16")
	args.Set("advertise-address", "127.0.0.1")
	// Lists straight from etcd: with the watch cache, a deleted CRD waits minutes for its
	// cache to re-initialise before the server can list (and remove) its instances
	// (InstanceDeletionFailed "storage is (re)initializing"), time no plan's behaviour decides.
	args.Set("watch-cache", "false")
	etcd := &envtest.Etcd{}
	etcd.Configure().Set("unsafe-no-fsync", "true")
	env.ControlPlane.Etcd = etcd
	return env
}

// startControllers starts controller-manager, scheduler and kwok against the server, with
// their logs in DIR, and registers the fake node.
func startControllers(env *envtest.Environment, config *rest.Config, kubeconfig string, opts options) error {
	certDir := env.ControlPlane.APIServer.CertDir
	caFile := filepath.Join(opts.dir, "ca.crt")
	if err := os.WriteFile(caFile, config.CAData, 0o600); err != nil {
		return err
	}
	processes := []struct {
		name string
		args []string
	}{
		{"kube-controller-manager", []string{
			"--kubeconfig=" + kubeconfig, "--leader-elect=false", "--secure-port=0",
			"--service-account-private-key-file=" + filepath.Join(certDir, "sa-signer.key"),
			"--root-ca-file=" + caFile, "--use-service-account-credentials=false",
			"--controllers=*", "--concurrent-namespace-syncs=10",
			// kwok renews the fake nodes' leases (40 s, kwok v0.8.0 pkg/apis/config/v1alpha1/
			// zz_generated.defaults.go:108-109); a renewal starved on a loaded machine for the
			// default 50 s (kubernetes v1.36.3 pkg/controller/nodelifecycle/config/v1alpha1/
			// defaults.go:40-46) marks the node NotReady and taints it, and pods stop scheduling.
			// The tier tests the platform's objects, not node health.
			"--node-monitor-grace-period=10m",
		}},
		{"kube-scheduler", []string{"--kubeconfig=" + kubeconfig, "--leader-elect=false", "--secure-port=0"}},
		{"kwok", []string{
			"--kubeconfig=" + kubeconfig, "--config=" + opts.stages, "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
			"--cidr=10.244.0.1/16", "--node-ip=127.0.0.1", "--server-address=",
		}},
	}
	for _, p := range processes {
		if err := startProcess(filepath.Join(opts.assets, p.name), p.args, filepath.Join(opts.dir, p.name+".log")); err != nil {
			return fmt.Errorf("starting %s: %w", p.name, err)
		}
	}
	return registerNode(config)
}

var children []*exec.Cmd

func startProcess(binary string, args []string, logFile string) error {
	log, err := os.Create(logFile)
	if err != nil {
		return err
	}
	cmd := exec.Command(binary, args...)
	cmd.Stdout, cmd.Stderr = log, log
	// Children die with the harness even if it is killed (Linux).
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return err
	}
	children = append(children, cmd)
	return nil
}

func registerNode(config *rest.Config) error {
	client, err := kubernetes.NewForConfig(config)
	if err != nil {
		return err
	}
	capacity := corev1.ResourceList{
		corev1.ResourceCPU:    resource.MustParse("64"),
		corev1.ResourceMemory: resource.MustParse("256Gi"),
		corev1.ResourcePods:   resource.MustParse("500"),
	}
	node := &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{
			Name:        nodeName,
			Annotations: map[string]string{"node.alpha.kubernetes.io/ttl": "0", "kwok.x-k8s.io/node": "fake"},
			Labels: map[string]string{
				"kubernetes.io/hostname": nodeName, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
				"node-role.kubernetes.io/worker": "", "type": "kwok",
			},
		},
		Status: corev1.NodeStatus{Capacity: capacity, Allocatable: capacity},
	}
	_, err = client.CoreV1().Nodes().Create(context.Background(), node, metav1.CreateOptions{})
	return err
}

// waitUntilUsable: the fake node is Ready (kwok runs) and the default namespace has its
// service account (the controller-manager runs), so pods can be admitted and scheduled.
func waitUntilUsable(config *rest.Config, timeout time.Duration) error {
	client, err := kubernetes.NewForConfig(config)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	return wait.PollUntilContextCancel(ctx, 250*time.Millisecond, true, func(ctx context.Context) (bool, error) {
		node, err := client.CoreV1().Nodes().Get(ctx, nodeName, metav1.GetOptions{})
		if err != nil || !nodeReady(node) {
			return false, nil
		}
		_, err = client.CoreV1().ServiceAccounts("default").Get(ctx, "default", metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			return false, nil
		}
		return err == nil, nil
	})
}

func nodeReady(node *corev1.Node) bool {
	for _, condition := range node.Status.Conditions {
		if condition.Type == corev1.NodeReady {
			return condition.Status == corev1.ConditionTrue
		}
	}
	return false
}

func waitForStop(lifetime time.Duration) {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	stdinClosed := make(chan struct{})
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		close(stdinClosed)
	}()
	select {
	case <-stop:
	case <-stdinClosed:
	case <-time.After(lifetime):
		fmt.Fprintln(os.Stderr, "cluster-harness: lifetime reached, stopping")
	}
}

// stopAll ends the controllers (SIGTERM, then SIGKILL after a few seconds), then the
// control plane, and removes the working directory.
func stopAll(env *envtest.Environment, opts options) error {
	for _, cmd := range children {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
		}
	}
	err := env.Stop()
	return errors.Join(err, os.RemoveAll(opts.dir))
}
