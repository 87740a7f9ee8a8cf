package io.freshdeskbigquery.freshdesk;

import java.io.ByteArrayOutputStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * A page read in smaller pages ({@link PageIsolation}), put back together: the records read, laid out as the page of
 * 100 would have held them, its URL, the last piece's {@code Link} header, and the records set apart (variable
 * {@value #SET_APART}, which {@link PageParser} adds to the page's bad records, for {@code _rejected}).
 */
@ApplicationScoped
public class AssembleIsolatedPage implements Processor {

    private static final Logger LOG = Logger.getLogger(AssembleIsolatedPage.class);

    /** Variable: the records of a page read in pieces that could not be read alone. */
    public static final String SET_APART = "freshdeskPageSetApart";

    @Override
    public void process(Exchange exchange) {
        PageAsk run = exchange.getProperty(PageAsk.PROPERTY, PageAsk.class);
        PageIsolation isolation = exchange.getProperty(PageIsolation.PROPERTY, PageIsolation.class);
        exchange.removeProperty(PageIsolation.PROPERTY);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PageJson json = isolation.pageWithTexts(bytes);
        exchange.setProperty(PreparePageRequest.URL_PROPERTY, isolation.pageUrl());
        exchange.setVariable(PageParser.PAGE_BYTES, bytes.toByteArray());
        exchange.setVariable(SET_APART, isolation.bad());
        exchange.getMessage().setHeader("Link", isolation.link());
        exchange.getMessage().setBody(json);
        LOG.infof("%s: read in %d smaller pages: %d records, %d that cannot be read set apart",
                run.where(isolation.pageUrl()),
                isolation.requests(), json.root().size(), isolation.bad().size());
    }
}
