package io.freshdeskbigquery.app;

import java.security.GeneralSecurityException;

import javax.net.ssl.SSLContext;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Unremovable;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelContextCustomizer;
import org.jboss.logging.Logger;

/**
 * Prepares TLS on a thread of its own while Camel configures the routes. The HTTP component builds its connection
 * manager when the route's Freshdesk endpoint is made, on the start's main thread, and with it a TLS context (whatever
 * the URL's scheme: it registers https beside http); the first TLS context of a JVM reads and parses the JDK's trusted
 * certificates, about 160 ms of the main thread on a slow two-core start (BENCHMARKS.md#decision-tls-prepared-ahead). Made here first, the JDK
 * keeps those certificates, and the component's context takes them from it. Should it fail here, the component makes
 * its context as it did before and says why.
 */
@ApplicationScoped
@Unremovable // found by Camel as a customizer, injected nowhere
public class PrepareTlsAhead implements CamelContextCustomizer {

    private static final Logger LOG = Logger.getLogger(PrepareTlsAhead.class);

    private volatile boolean prepared;

    @Override
    public void configure(CamelContext camel) {
        Thread preparing = new Thread(this::prepare, "prepare-tls");
        preparing.setDaemon(true);
        preparing.start();
    }

    /** Whether the TLS context was made here (for the tests: a customizer Camel never called would make none). */
    boolean prepared() {
        return prepared;
    }

    private void prepare() {
        try {
            // the default trust managers, as the HTTP client's own context (SSLContexts.createDefault()) takes them
            SSLContext.getInstance("TLS").init(null, null, null);
            prepared = true;
        } catch (GeneralSecurityException | RuntimeException e) {
            LOG.debugf("Preparing TLS ahead failed (the HTTP component makes its own context): %s", e.getMessage());
        }
    }
}
