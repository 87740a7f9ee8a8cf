package io.freshdeskbigquery.simulator;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.profile.UnlessBuildProfile;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Arms a fault on the running simulator, for trying the loader's error handling by hand in dev mode:
 * {@code curl -X POST 'localhost:8080/simulator/faults?kind=serverErrors&count=3&status=503&stream=tickets'}.
 * Kinds: serverErrors (status), tooManyRequests (retry-after), truncatedBody, slowResponse (delay-ms),
 * connectionReset, badRecord, endlessNext.
 */
@UnlessBuildProfile("prod")
@ApplicationScoped
public class InjectSimulatorFault implements Processor {

    @Inject
    SimulatedFreshdesk simulator;

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String kind = message.getHeader("kind", "", String.class);
        int count = message.getHeader("count", 1, Integer.class);
        String stream = message.getHeader("stream", String.class);
        Faults faults = stream == null || stream.isBlank() ? simulator.faults() : simulator.faults().on(stream);
        switch (kind) {
            case "serverErrors" -> faults.serverErrors(count, message.getHeader("status", 503, Integer.class));
            case "tooManyRequests" -> faults.tooManyRequests(count, message.getHeader("retry-after", 5, Integer.class));
            case "truncatedBody" -> faults.truncatedBody(count);
            case "slowResponse" -> faults.slowResponse(count,
                    Duration.ofMillis(message.getHeader("delay-ms", 5000, Integer.class)));
            case "connectionReset" -> faults.connectionReset(count);
            case "badRecord" -> faults.badRecord(count);
            case "endlessNext" -> faults.endlessNext(count);
            default -> {
                message.setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
                message.setBody("{\"error\":\"unknown kind '" + kind + "'; use serverErrors, tooManyRequests,"
                        + " truncatedBody, slowResponse, connectionReset, badRecord or endlessNext\"}");
                return;
            }
        }
        message.removeHeaders("*");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody("{\"armed\":\"" + kind + "\",\"count\":" + count + ",\"pending\":" + faults.pending() + "}");
    }
}
