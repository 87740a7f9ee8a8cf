package io.freshdeskbigquery.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.freshdesk.FreshdeskSettings;
import io.quarkus.arc.profile.UnlessBuildProfile;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/** Hands one HTTP request to the {@link SimulatedFreshdesk} and turns its answer into the HTTP response. */
@UnlessBuildProfile("prod")
@ApplicationScoped
public class ServeSimulatedFreshdesk implements Processor {

    static final String DELAY_HEADER = "CamelSimulatorDelayMs";

    @Inject
    SimulatedFreshdesk simulator;
    @Inject
    FreshdeskSettings settings;

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String path = message.getHeader("stream", String.class);
        if (message.getHeader("list") != null) {
            path = path + "/" + message.getHeader("list", String.class);
        }
        if (message.getHeader("child") != null) {
            path = path + "/" + message.getHeader("parent", String.class) + "/"
                    + message.getHeader("child", String.class);
        }
        SimResponse response = simulator.handle(message.getHeader(Exchange.HTTP_METHOD, "GET", String.class),
                path, query(message.getHeader(Exchange.HTTP_QUERY, String.class)),
                message.getHeader("Authorization", String.class), settings.baseUrl());
        // nothing of the request is echoed back
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, response.connectionReset() ? 200 : response.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        response.headers().forEach(message::setHeader);
        message.removeHeader(SimResponse.DELAY_HEADER);
        message.setHeader(DELAY_HEADER, response.delay() == null ? 0 : response.delay().toMillis());
        if (response.connectionReset() && message instanceof HttpMessage http) {
            // a connection reset: the TCP connection is dropped without an answer
            http.getRequest().connection().close();
        }
        message.setBody(response.connectionReset() ? new byte[0] : response.bodyBytes());
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            query.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }
}
