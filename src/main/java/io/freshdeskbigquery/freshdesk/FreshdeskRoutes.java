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
 * the stream route, whose retry policies ({@code StreamErrorPolicies}) redo the whole fetch. An answer that cannot be
 * read (not JSON, or larger than {@code freshdesk.max-page-bytes}) is asked for again, then read in smaller pages until
 * what cannot be read is one record alone ({@link PageIsolation}).
 */
@ApplicationScoped
public class FreshdeskRoutes extends RouteBuilder {

    public static final String FETCH_PAGE = "direct:freshdesk-page";
    static final String REQUEST = "direct:freshdesk-request";
    private static final long MINUTE = 60_000;
    private static final long SECOND = 1_000;

    @Inject
    FreshdeskSettings settings;
    @Inject
    RateBudget budget;
    @Inject
    ObjectMapper objectMapper;
    @Inject
    PageSizeCap pageSizeCap;
    @Inject
    BudgetWaits budgetWaits;

    // the steps of the routes, each a bean
    @Inject
    IsolateUnreadablePage isolateUnreadablePage;
    @Inject
    TakeIsolatedPiece takeIsolatedPiece;
    @Inject
    AssembleIsolatedPage assembleIsolatedPage;
    @Inject
    PageParser pageParser;
    @Inject
    PreparePageRequest preparePageRequest;
    @Inject
    ObserveResponse observeResponse;
    @Inject
    CheckHttpStatus checkHttpStatus;
    @Inject
    NoteUnreadablePage noteUnreadablePage;

    @Override
    public void configure() {
        // @formatter:off
        from(FETCH_PAGE)
                .routeId("freshdesk-page")
                .errorHandler(noErrorHandler())
                // a redelivery while the page is read in smaller pages goes on with the piece it was at
                .filter(exchangeProperty(PageIsolation.PROPERTY).isNull())
                    .to(REQUEST)
                    // not JSON, or too large: asked for again whole, or in smaller pages (IsolateUnreadablePage)
                    .filter(variable(NoteUnreadablePage.REASON).isNotNull())
                        .process(isolateUnreadablePage)
                    .end()
                .end()
                .filter(exchangeProperty(PageIsolation.PROPERTY).isNotNull())
                    // the page's window of the list as pages of 50, a piece that cannot be read as pages of 25, 5, 1
                    .loopDoWhile(exchange -> exchange.getProperty(PageIsolation.PROPERTY, PageIsolation.class).hasMore())
                        .to(REQUEST)
                        .process(takeIsolatedPiece)
                    .end()
                    .process(assembleIsolatedPage)
                .end()
                .process(pageParser);

        // one request, read as JSON: the page, or a piece of it (PageIsolation)
        from(REQUEST)
                .routeId("freshdesk-request")
                .errorHandler(noErrorHandler())
                .removeVariable(NoteUnreadablePage.REASON)
                .removeVariable(NoteUnreadablePage.CUT_OFF)
                .removeVariable(NoteUnreadablePage.TOO_LARGE)
                .removeVariable(PageParser.PAGE_BYTES)
                .process(preparePageRequest)
                // the waits for the budget block the run's thread; when the application stops they end at once, and
                // the request is not made (BudgetWaits): its run stops, its cursor where its written pages put it
                .doTry()
                    .process(budgetWaits::waiting)
                    // a 429 pauses every stream until Retry-After has passed; a low X-RateLimit-Remaining slows down
                    .delay(RateLimitExpressions.waitBeforeNextRequest(budget)).syncDelayed()
                    // the account's share of its per-minute budget, for all streams together, spread over the minute:
                    // at most a sixtieth of it in any second (a long run does not spend the minute's budget in its first
                    // seconds, leaving the other streams to wait for the next minute), the minute's in any minute
                    .throttle(RateLimitExpressions.accountPerSecond(budget)).totalRequestsMode().timePeriodMillis(SECOND)
                    .throttle(RateLimitExpressions.accountPerMinute(budget)).totalRequestsMode().timePeriodMillis(MINUTE)
                    // the tickets and contacts lists have per-minute limits of their own, spread the same way
                    .throttle(RateLimitExpressions.listPerSecond(budget)).totalRequestsMode().timePeriodMillis(SECOND)
                        .correlationExpression(RateLimitExpressions.listName())
                    .throttle(RateLimitExpressions.listPerMinute(budget)).totalRequestsMode().timePeriodMillis(MINUTE)
                        .correlationExpression(RateLimitExpressions.listName())
                    .process(budgetWaits::granted)
                .endDoTry()
                .doCatch(InterruptedException.class)
                    .process(budgetWaits::interruptedWait)
                .end()
                .doTry()
                    // the status is checked by us, not by the HTTP producer: its exception would lose the headers
                    // that count redeliveries. The body is read up to freshdesk.max-page-bytes (PageSizeCap)
                    .to(settings.baseUrl() + "?throwExceptionOnFailure=false")
                    .removeHeader("Authorization")
                    .process(observeResponse)
                    .process(checkHttpStatus)
                    // the page as JSON, through Camel's Jackson data format with the application's ObjectMapper; read
                    // from the bytes as they came (Jackson decodes UTF-8 itself, faster than a String in between)
                    .convertBodyTo(byte[].class)
                    // the bytes, for the text of each record as it came (PageParser)
                    .setVariable(PageParser.PAGE_BYTES, body())
                    .unmarshal(pageJson())
                .doCatch(JsonProcessingException.class, PageTooLargeException.class)
                    .removeHeader("Authorization")
                    .process(noteUnreadablePage)
                .end();
        // @formatter:on
    }

    private JacksonDataFormat pageJson() {
        // the JSON, and where each record lies in the bytes (PageJson): one parse for both, within the page's limits
        return new JacksonDataFormat(PageParserLimits.pageMapper(objectMapper, pageSizeCap.maxBytes()), PageJson.class);
    }
}
