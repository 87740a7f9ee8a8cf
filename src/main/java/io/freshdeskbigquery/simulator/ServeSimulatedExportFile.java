package io.freshdeskbigquery.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.profile.UnlessBuildProfile;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Hands a request for an export file to the {@link SimulatedFreshdesk}, as the storage behind the signed link. */
@UnlessBuildProfile("prod")
@ApplicationScoped
public class ServeSimulatedExportFile implements Processor {

    @Inject
    SimulatedFreshdesk simulator;

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        SimResponse response = simulator.exportFile(message.getHeader("file", String.class),
                ServeSimulatedFreshdesk.query(message.getHeader(Exchange.HTTP_QUERY, String.class)),
                message.getHeader("Authorization", String.class));
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, response.status());
        response.headers().forEach(message::setHeader);
        message.setBody(response.bodyBytes());
    }
}
