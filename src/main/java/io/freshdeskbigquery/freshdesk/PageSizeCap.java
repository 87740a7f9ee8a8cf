package io.freshdeskbigquery.freshdesk;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/**
 * {@code freshdesk.max-page-bytes}: no answer of Freshdesk is read past this many bytes. The HTTP client of the page
 * route (camel-http's {@code httpClientConfigurer}) counts each answer's body while Camel reads it, after it was
 * uncompressed (what is held is what counts): a {@code Content-Length} over the cap is refused before a byte is read,
 * a body without one once the cap is passed. The connection is then dropped, not drained (a body that never ends would
 * otherwise be read to its end), and the read fails with a {@link PageTooLargeException}.
 */
@ApplicationScoped
public class PageSizeCap implements HttpClientConfigurer {

    static final String KEY = "freshdesk.max-page-bytes";
    /** Below this, a page of a single ticket would not fit. */
    static final long MIN_BYTES = 4096;
    /** A page is read into one array. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private final String key;
    private final long maxBytes;

    @Inject
    public PageSizeCap(FreshdeskConfig config) {
        this(config.maxPageBytes());
    }

    PageSizeCap(long maxBytes) {
        this(KEY, maxBytes);
    }

    /** A cap of another kind of answer, set by {@code key} (an export's file: {@code freshdesk.export.max-file-bytes}). */
    PageSizeCap(String key, long maxBytes) {
        if (maxBytes < MIN_BYTES || maxBytes > MAX_BYTES) {
            throw new IllegalStateException(key + "=" + maxBytes + " is not allowed: give a number of bytes from "
                    + MIN_BYTES + " to " + MAX_BYTES);
        }
        this.key = key;
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** How messages name the limit: {@code freshdesk.max-page-bytes (16777216 bytes)}. */
    public String limit() {
        return key + " (" + maxBytes + " bytes)";
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        // first in the chain: outside the client's decompression, so the bytes counted are the bytes held
        builder.addExecInterceptorFirst("freshdesk-page-size-cap", new Cap());
    }

    private final class Cap implements ExecChainHandler {

        @Override
        public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
                throws IOException, HttpException {
            ClassicHttpResponse response = chain.proceed(request, scope);
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                return response;
            }
            if (entity.getContentLength() > maxBytes) {
                scope.execRuntime.discardEndpoint();
                throw new PageTooLargeException("the answer is " + entity.getContentLength()
                        + " bytes long (Content-Length), more than " + limit());
            }
            response.setEntity(new HttpEntityWrapper(entity) {
                @Override
                public InputStream getContent() throws IOException {
                    return new Counted(super.getContent(), scope.execRuntime);
                }
            });
            return response;
        }
    }

    /** The body, counted as it is read; past the cap the connection is dropped and the read fails. */
    private final class Counted extends FilterInputStream {

        private final ExecRuntime connection;
        private long read;

        Counted(InputStream body, ExecRuntime connection) {
            super(body);
            this.connection = connection;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws PageTooLargeException {
            read += n;
            if (read > maxBytes) {
                // dropped, not drained: closing the body would read it to its end
                connection.discardEndpoint();
                throw new PageTooLargeException("the answer is longer than " + limit() + "; refused after "
                        + read + " bytes");
            }
        }
    }
}
