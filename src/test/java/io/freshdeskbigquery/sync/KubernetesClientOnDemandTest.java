package io.freshdeskbigquery.sync;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without Kubernetes leader election the application starts without building a Kubernetes client (about 0.3 s of
 * the start), though Camel's registry holds one; the Lease election still gets a working client
 * ({@link KubernetesLeaseElectionTest}).
 */
@QuarkusTest
@WithTestResource(FreshdeskWireMock.class)
class KubernetesClientOnDemandTest {

    @Test
    void theStartBuildsNoKubernetesClient() {
        InjectableBean<KubernetesClient> bean = Arc.container().instance(KubernetesClient.class).getBean();
        CamelContext camel = Arc.container().instance(CamelContext.class).get();

        // Camel Quarkus binds the client into the registry at the start: it got the proxy, not a client
        assertThat(camel.getRegistry().lookupByNameAndType("kubernetesClient", KubernetesClient.class)).isNotNull();
        assertThat(bean.getScope()).isEqualTo(ApplicationScoped.class);
        assertThat(Arc.container().getActiveContext(ApplicationScoped.class).get(bean)).isNull();
    }
}
