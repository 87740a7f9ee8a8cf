package io.freshdeskbigquery.freshdesk;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;

/**
 * The requests waiting for the request budget (the page route's Delay and Throttle EIPs, which block the run's thread)
 * end at once when the application stops (a signal, {@code q} in dev mode): Camel's shutdown would otherwise wait for
 * them up to {@code camel.main.shutdown-timeout}, a run waiting up to a minute for the next minute's budget. The threads
 * in the waits are interrupted as Camel's context begins to stop, and a request reaching the waits after that does not
 * wait. Such a request is not made: it fails with a {@link RejectedExecutionException}, and its run stops as any run the
 * shutdown stops (its pages written, its cursor where they put it).
 */
@ApplicationScoped
public class BudgetWaits {

    /** The threads between {@link #waiting} and {@link #granted} (or {@link #interruptedWait}), guarded by this. */
    private final Set<Thread> waiting = new HashSet<>();
    private boolean stopping;

    /** The request is about to wait for the budget; when the application is stopping, it is not made. */
    public void waiting(Exchange exchange) {
        synchronized (this) {
            if (!stopping) {
                waiting.add(Thread.currentThread());
                return;
            }
        }
        throw stopped(exchange);
    }

    /** The budget let the request through; the stop, when it came right after the waits, still stops it. */
    public void granted(Exchange exchange) {
        boolean stop;
        synchronized (this) {
            waiting.remove(Thread.currentThread());
            stop = stopping && Thread.interrupted();
        }
        if (stop) {
            throw stopped(exchange);
        }
    }

    /**
     * A wait was interrupted: the Delay or Throttle EIP gave it up, failed the request with the
     * {@link InterruptedException}, and set the thread's interrupt flag again. When the application stops, the flag is
     * cleared (or the run's own end, writing what it read and waiting for its writer, would be interrupted too) and so is
     * Camel's mark of an interrupted exchange (which no error handler handles): the request fails as not made, which the
     * run's policies handle as its stop. An interrupt from anything else goes on as it came.
     */
    public void interruptedWait(Exchange exchange) throws Exception {
        synchronized (this) {
            waiting.remove(Thread.currentThread());
            if (stopping) {
                Thread.interrupted();
                exchange.getExchangeExtension().setInterrupted(false);
                throw stopped(exchange);
            }
        }
        throw exchange.getProperty(Exchange.EXCEPTION_CAUGHT, InterruptedException.class);
    }

    /** Camel's context begins to stop: the waits end now. */
    void onStopping(@Observes CamelEvent.CamelContextStoppingEvent event) {
        synchronized (this) {
            stopping = true;
            for (Thread thread : waiting) {
                thread.interrupt();
            }
            waiting.clear();
        }
    }

    private static RejectedExecutionException stopped(Exchange exchange) {
        PageAsk ask = exchange.getProperty(PageAsk.PROPERTY, PageAsk.class);
        String where = ask == null
                ? "A request"
                : ask.where(exchange.getProperty(PreparePageRequest.URL_PROPERTY, String.class));
        return new RejectedExecutionException(where + ": the application is stopping; the request waiting for the"
                + " request budget is not made");
    }
}
