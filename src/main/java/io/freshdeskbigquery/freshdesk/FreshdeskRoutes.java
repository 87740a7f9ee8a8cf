package io.freshdeskbigquery.freshdesk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jackson.JacksonDataFormat;

/**
 * How a page is fetched: {@code direct:freshdesk-page} GETs the page the stream run asks for and hands back a
 * checked {@link FreshdeskPage}. Every stream of the account comes through this one route, so its throttlers
 * hold one budget for the account (and one per list endpoint). Errors are not handled here: they go back to
 * the stream route, whose retry policies ({@code StreamErrorPolicies}) redo the whole fetch.
 */
@ApplicationScoped
public class FreshdeskRoutes extends RouteBuilder {

    public static final String FETCH_PAGE = "direct:freshdesk-page";
    private static final long MINUTE = 60_000;

    @Inject
    FreshdeskSettings settings;
    @Inject
    RateBudget budget;
    @Inject
    ObjectMapper objectMapper;

    @Override
    public void configure() {
        from(FETCH_PAGE)
                .routeId("freshdesk-page")
                .errorHandler(noErrorHandler())
                .process("pageRequest")
                // a 429 pauses every stream until Retry-After has passed; a low X-RateLimit-Remaining slows down
                .delay(RateLimitExpressions.waitBeforeNextRequest(budget))
                // the account's share of its per-minute budget, for all streams together
                .throttle(RateLimitExpressions.accountPerMinute(budget)).totalRequestsMode().timePeriodMillis(MINUTE)
                // the tickets and contacts lists have per-minute limits of their own
                .throttle(RateLimitExpressions.listPerMinute(budget)).totalRequestsMode().timePeriodMillis(MINUTE)
                    .correlationExpression(RateLimitExpressions.listName())
                // the status is checked by us, not by the HTTP producer: its exception would lose the headers
                // that count redeliveries
                .to(settings.baseUrl() + "?throwExceptionOnFailure=false")
                .removeHeader("Authorization")
                .process("observeResponse")
                .process("checkHttpStatus")
                // the page as JSON, through Camel's Jackson data format with the application's ObjectMapper; read from
                // the bytes as they came (Jackson decodes UTF-8 itself, faster than a String in between)
                .convertBodyTo(byte[].class)
                // the bytes, for the text of each record as it came (PageParser)
                .setVariable(PageParser.PAGE_BYTES, body())
                .doTry()
                    .unmarshal(pageJson())
                .doCatch(JsonProcessingException.class)
                    .process("rejectMalformedPage")
                .end()
                .process("pageParser");
    }

    private JacksonDataFormat pageJson() {
        // the JSON, and where each record lies in the bytes (PageJson): one parse for both
        return new JacksonDataFormat(objectMapper, PageJson.class);
    }
}
