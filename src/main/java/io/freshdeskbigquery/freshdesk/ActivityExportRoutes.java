package io.freshdeskbigquery.freshdesk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * How a day of Freshdesk's ticket activity export is read: {@value #DAY} asks Freshdesk for the day's export and, when
 * it is there, reads the file behind each link it answers; it hands back the {@link ActivityExportDay} (the files
 * read, or not ready). Errors go back to the stream's route, whose retry policies redo the whole day (fresh links).
 *
 * <pre>
 * direct:freshdesk-activity-export (the day: ActivityExportDay.DATE)
 *   direct:freshdesk-activity-export-request: GET export/ticket_activities?created_at=&lt;day&gt; with Basic auth,
 *     paced as pages are (the Retry-After of a 429, X-RateLimit-Remaining, the account's share a minute)
 *     2xx: the links ({"export": {"url"}} or a list); 404 or no link: not ready; 401/403: the stream is skipped
 *   loop while a link is left: direct:freshdesk-activity-file
 *     the link checked (https, a public address), then GET it with no header of the loader's own (no API key) through
 *     a client of its own (exportFileHttpClient: the request deadline, freshdesk.export.max-file-bytes, no redirect)
 *     2xx: the file, checked whole (ActivityExportFile); too large: the run fails; else: the day is asked again
 * </pre>
 */
@ApplicationScoped
public class ActivityExportRoutes extends RouteBuilder {

    public static final String DAY = "direct:freshdesk-activity-export";
    static final String EXPORT_REQUEST = "direct:freshdesk-activity-export-request";
    /**
     * The export's answer alone, for {@code sync.check}: the day's {@link ActivityExportDay} (its links, or not ready),
     * no file read.
     */
    public static final String ASK = EXPORT_REQUEST;
    static final String FILE = "direct:freshdesk-activity-file";
    /** The file's endpoint: the link replaces its address ({@code CamelHttpUri}); its client is its own. */
    static final String FILE_ENDPOINT = "https://freshdesk-export-file?throwExceptionOnFailure=false"
            + "&httpClientConfigurer=#" + ExportFileClient.CONFIGURER;
    private static final long MINUTE = 60_000;

    @Inject
    FreshdeskSettings settings;
    @Inject
    RateBudget budget;

    // the routes' steps, injected: found by their type, not by a name
    @Inject
    AskActivityExport askActivityExport;
    @Inject
    ObserveResponse observeResponse;
    @Inject
    CheckExportAnswer checkExportAnswer;
    @Inject
    ReadExportLinks readExportLinks;
    @Inject
    AskExportFile askExportFile;
    @Inject
    CheckExportFileAnswer checkExportFileAnswer;
    @Inject
    ReadExportFile readExportFile;
    @Inject
    ExportFileTooLarge exportFileTooLarge;

    @Override
    public void configure() {
        // @formatter:off
        from(DAY).routeId("freshdesk-activity-export")
                .errorHandler(noErrorHandler())
                .to(EXPORT_REQUEST)
                .loopDoWhile(ActivityExportRoutes::moreFilesToRead)
                    .to(FILE)
                .end()
                .setBody(exchangeProperty(ActivityExportDay.PROPERTY));

        from(EXPORT_REQUEST).routeId("freshdesk-activity-export-request")
                .errorHandler(noErrorHandler())
                .process(askActivityExport)
                // a 429 pauses every stream until Retry-After has passed; a low X-RateLimit-Remaining slows down
                .delay(RateLimitExpressions.waitBeforeNextRequest(budget))
                // the account's share a minute (a throttle of its own: a run asks one export a day it reads)
                .throttle(RateLimitExpressions.accountPerMinute(budget)).totalRequestsMode().timePeriodMillis(MINUTE)
                .to(settings.baseUrl() + "?throwExceptionOnFailure=false")
                .removeHeader("Authorization")
                .process(observeResponse)
                .process(checkExportAnswer)
                .filter(CheckExportAnswer::answered)
                    .convertBodyTo(byte[].class)
                    .process(readExportLinks)
                .end();

        from(FILE).routeId("freshdesk-activity-file")
                .errorHandler(noErrorHandler())
                .process(askExportFile)
                .doTry()
                    .to(FILE_ENDPOINT)
                    .process(checkExportFileAnswer)
                    // read up to freshdesk.export.max-file-bytes (the client's cap)
                    .convertBodyTo(byte[].class)
                    .process(readExportFile)
                .doCatch(PageTooLargeException.class)
                    .process(exportFileTooLarge)
                .end();
        // @formatter:on
    }

    /** The day's export links to a file not read yet. */
    static boolean moreFilesToRead(Exchange exchange) {
        return exchange.getProperty(ActivityExportDay.PROPERTY, ActivityExportDay.class).hasMoreFiles();
    }
}
