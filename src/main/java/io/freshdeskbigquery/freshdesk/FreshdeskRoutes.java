package io.freshdeskbigquery.freshdesk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;

/**
 * How a page is fetched: {@code direct:freshdesk-page} GETs the page the stream run asks for and hands back a
 * checked {@link FreshdeskPage}. Errors are not handled here: they go back to the stream route, whose retry
 * policies (see {@code StreamErrorPolicies}) redo the whole fetch, request and parsing alike.
 */
@ApplicationScoped
public class FreshdeskRoutes extends RouteBuilder {

    public static final String FETCH_PAGE = "direct:freshdesk-page";

    @Inject
    FreshdeskSettings settings;

    @Override
    public void configure() {
        from(FETCH_PAGE)
                .routeId("freshdesk-page")
                .errorHandler(noErrorHandler())
                .process("pageRequest")
                // the status is checked by us, not by the HTTP producer: its exception would lose the headers
                // that count redeliveries
                .to(settings.baseUrl() + "?throwExceptionOnFailure=false")
                .removeHeader("Authorization")
                .process("checkHttpStatus")
                .process("pageParser");
    }
}
