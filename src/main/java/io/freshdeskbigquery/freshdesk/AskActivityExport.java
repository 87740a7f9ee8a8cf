package io.freshdeskbigquery.freshdesk;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.Secrets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.http.HttpMethods;

/**
 * Prepares the GET of a day's ticket activity export, {@code export/ticket_activities?created_at=<day>}, with Basic
 * auth as a page's request: the day ({@link ActivityExportDay#DATE}) gets a fresh {@link ActivityExportDay}.
 */
@ApplicationScoped
public class AskActivityExport implements Processor {

    private final FreshdeskSettings settings;
    private final String authorization;

    @Inject
    public AskActivityExport(FreshdeskSettings settings) {
        this.settings = settings;
        Secrets.register(settings.apiKey());
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((settings.apiKey() + ":X").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void process(Exchange exchange) {
        LocalDate day = exchange.getProperty(ActivityExportDay.DATE, LocalDate.class);
        exchange.setProperty(ActivityExportDay.PROPERTY, new ActivityExportDay(day));
        PageAsk run = exchange.getProperty(PageAsk.PROPERTY, PageAsk.class);
        String query = "created_at=" + day;
        String baseUrl = settings.baseUrl();
        exchange.setProperty(PreparePageRequest.URL_PROPERTY, baseUrl + "/" + run.path() + "?" + query);
        var message = exchange.getMessage();
        message.removeHeaders("*", "Camel*");
        message.setBody(null);
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.GET);
        message.setHeader(Exchange.HTTP_URI, baseUrl);
        message.setHeader(Exchange.HTTP_PATH, run.path());
        message.setHeader(Exchange.HTTP_QUERY, query);
        message.setHeader("Accept", "application/json");
        message.setHeader("Authorization", authorization);
    }
}
