package io.freshdeskbigquery.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Quarkus's Kubernetes client, built when it is first used rather than at the start. Camel Quarkus's Kubernetes
 * extension binds the client into Camel's registry while the application starts, and Quarkus's own producer builds
 * it there and then: the kubeconfig or service account read, an HTTP client and TLS trust made, about 0.3 s of a
 * start that needs none of it unless {@code sync.leader-election.type=kubernetes}. This producer gives the same
 * client (Quarkus's {@link Config} and {@link KubernetesSerialization}, so {@code quarkus.kubernetes-client.*} and
 * the test kit's server apply) behind an application-scoped proxy, so the registry holds the proxy and the client is
 * built by the Lease cluster service's first call.
 */
@ApplicationScoped
public class KubernetesClientOnDemand {

    @Produces
    @ApplicationScoped
    KubernetesClient kubernetesClient(KubernetesSerialization serialization, Config config) {
        return new KubernetesClientBuilder().withKubernetesSerialization(serialization).withConfig(config).build();
    }

    void close(@Disposes KubernetesClient client) {
        client.close();
    }
}
