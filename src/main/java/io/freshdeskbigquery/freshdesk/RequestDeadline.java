package io.freshdeskbigquery.freshdesk;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/**
 * {@code freshdesk.timeout.request}: the most a whole request to Freshdesk may take, from connecting to the last byte
 * of the page. The HTTP client's own timeouts bound each wait (connecting, the next bytes); a server that sends one
 * byte a second would never trip them. Set as the HTTP components' {@code httpClientConfigurer}
 * (application.properties): a step first in the client's execution chain schedules the request's abort
 * ({@link Cancellable#cancel()}, Apache HttpClient's own way to abort a classic request) at the deadline, and lifts it
 * once the answer is read whole. An aborted request fails with a {@link SocketTimeoutException} naming the key, and is
 * retried like any timeout ({@code freshdesk.retry.max-attempts}).
 */
@Singleton
public class RequestDeadline implements HttpClientConfigurer {

    private final int deadlineMillis;
    private final CamelContext camel;
    private volatile ScheduledExecutorService timer;

    @Inject
    public RequestDeadline(FreshdeskConfig config, CamelContext camel) {
        this(config.timeout().connect(), config.timeout().response(), config.timeout().request(), camel);
    }

    RequestDeadline(int connectMillis, int responseMillis, int deadlineMillis, CamelContext camel) {
        if (deadlineMillis <= Math.max(connectMillis, responseMillis)) {
            throw new IllegalArgumentException(
                    "freshdesk.timeout.request must be longer than freshdesk.timeout.connect ("
                            + connectMillis + ") and freshdesk.timeout.response (" + responseMillis
                            + "), in ms: it bounds a whole"
                            + " request, they bound one wait each; not " + deadlineMillis);
        }
        this.deadlineMillis = deadlineMillis;
        this.camel = camel;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addExecInterceptorFirst("freshdesk-request-deadline", this::execute);
    }

    private ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        // the request Camel made (HttpUriRequestBase) aborts its connection, whatever it is doing
        Cancellable abort = scope.originalRequest instanceof Cancellable cancellable ? cancellable : () -> {
            scope.execRuntime.discardEndpoint();
            return true;
        };
        Deadline deadline = new Deadline(abort, deadlineMillis);
        deadline.schedule(timer());
        ClassicHttpResponse response;
        try {
            response = chain.proceed(request, scope);
        } catch (IOException e) {
            deadline.lift();
            throw deadline.explain(e);
        } catch (HttpException | RuntimeException e) {
            deadline.lift();
            throw e;
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            deadline.lift();
        } else {
            response.setEntity(new ReadWithinDeadline(entity, deadline));
        }
        return response;
    }

    private ScheduledExecutorService timer() {
        ScheduledExecutorService current = timer;
        if (current == null) {
            synchronized (this) {
                if (timer == null) {
                    // Camel's thread pool: named like its others, shut down with the context
                    ScheduledExecutorService created = camel.getExecutorServiceManager()
                            .newSingleThreadScheduledExecutor(this, "FreshdeskRequestDeadline");
                    if (created instanceof ScheduledThreadPoolExecutor pool) {
                        pool.setRemoveOnCancelPolicy(true); // a request read in time leaves nothing behind
                    }
                    timer = created;
                }
                current = timer;
            }
        }
        return current;
    }

    /** One request's deadline: aborts it when it passes, unless lifted first. */
    private static final class Deadline {

        private final Cancellable abort;
        private final AtomicBoolean passed = new AtomicBoolean();
        private final int millis;
        private volatile ScheduledFuture<?> pending;

        Deadline(Cancellable abort, int millis) {
            this.abort = abort;
            this.millis = millis;
        }

        void schedule(ScheduledExecutorService timer) {
            pending = timer.schedule(() -> {
                passed.set(true);
                abort.cancel();
            }, millis, TimeUnit.MILLISECONDS);
        }

        void lift() {
            ScheduledFuture<?> scheduled = pending;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }

        /** The failure of an aborted request says why it was aborted; any other failure stays as it is. */
        IOException explain(IOException failure) {
            if (!passed.get()) {
                return failure;
            }
            SocketTimeoutException timeout = new SocketTimeoutException("Freshdesk did not send the whole answer within"
                    + " freshdesk.timeout.request (" + millis + " ms); the request was aborted");
            timeout.initCause(failure);
            return timeout;
        }
    }

    /** The answer's body: its end (or its close) lifts the deadline; a read cut off by the deadline says so. */
    private static final class ReadWithinDeadline extends HttpEntityWrapper {

        private final Deadline deadline;

        ReadWithinDeadline(HttpEntity entity, Deadline deadline) {
            super(entity);
            this.deadline = deadline;
        }

        @Override
        public InputStream getContent() throws IOException {
            InputStream content;
            try {
                content = super.getContent();
            } catch (IOException e) {
                throw deadline.explain(e);
            }
            return content == null ? null : new FilterInputStream(content) {
                @Override
                public int read() throws IOException {
                    try {
                        int b = super.read();
                        if (b < 0) {
                            deadline.lift();
                        }
                        return b;
                    } catch (IOException e) {
                        throw deadline.explain(e);
                    }
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    try {
                        int n = super.read(buffer, offset, length);
                        if (n < 0) {
                            deadline.lift();
                        }
                        return n;
                    } catch (IOException e) {
                        throw deadline.explain(e);
                    }
                }

                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } catch (IOException e) {
                        throw deadline.explain(e);
                    } finally {
                        deadline.lift();
                    }
                }
            };
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try {
                super.writeTo(out);
            } catch (IOException e) {
                throw deadline.explain(e);
            } finally {
                deadline.lift();
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                deadline.lift();
            }
        }
    }
}
