package io.freshdeskbigquery.app;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the start does and does not do ahead of the first run. Without Kubernetes leader election the application
 * starts without building a Kubernetes client (about 0.3 s of the start), though Camel's registry holds one; the Lease election still gets a working client
 * ({@link KubernetesLeaseElectionTest}). The destination is opened while Camel starts ({@link OpenDestinationAhead};
 * with leader election on it is not, so a standby leaves the DuckDB file to the leader: {@code LeaderTakeoverIT}), and
 * TLS is prepared beside it ({@link PrepareTlsAhead}).
 */
@QuarkusTest
@WithTestResource(FreshdeskWireMock.class)
class StartAheadOfTheFirstRunTest {

    @Test
    void theDestinationIsOpenedWhileTheApplicationStartsBeforeAnyRunAsks() {
        // looked up, not injected: an injection point here would keep the bean even if the application lost it
        var ahead = Arc.container().instance(OpenDestinationAhead.class);
        assertThat(ahead.isAvailable()).as("OpenDestinationAhead is a bean of the application").isTrue();
        // no run here (the schedules fire in 2099): only the start opens it, on a thread of its own
        await().atMost(Duration.ofSeconds(20)).until(ahead.get()::opened);
        assertThat(Arc.container().instance(Destination.class).get().describe()).startsWith("duckdb:");
    }

    @Test
    void tlsIsPreparedWhileTheApplicationStartsBeforeAnyRunAsks() {
        var ahead = Arc.container().instance(PrepareTlsAhead.class);
        assertThat(ahead.isAvailable()).as("PrepareTlsAhead is a bean of the application").isTrue();
        // no run here: only the start makes the TLS context, on a thread of its own
        await().atMost(Duration.ofSeconds(20)).until(ahead.get()::prepared);
    }

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
