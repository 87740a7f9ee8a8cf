package io.freshdeskbigquery.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import io.freshdeskbigquery.simulator.SimResponse;
import io.freshdeskbigquery.simulator.SimulatedFreshdesk;

/**
 * The simulator over HTTP with the JDK's own server, for a packaged app run as a process of its own (whose production
 * build has no simulator): next to no overhead of its own, so what the serving JVM spends is the simulator's.
 */
public final class SimulatorHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final AtomicLong firstRequest = new AtomicLong();
    private final AtomicLong bytesServed = new AtomicLong();

    public SimulatorHttpServer(SimulatedFreshdesk simulator) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            firstRequest.compareAndSet(0, System.nanoTime());
            try (exchange) {
                URI uri = exchange.getRequestURI();
                Map<String, String> query = new LinkedHashMap<>();
                if (uri.getRawQuery() != null) {
                    for (String pair : uri.getRawQuery().split("&")) {
                        String[] nameValue = pair.split("=", 2);
                        query.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                                nameValue.length > 1 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
                    }
                }
                String base = "http://" + exchange.getRequestHeaders().getFirst("Host") + "/api/v2";
                SimResponse answer = simulator.handle(exchange.getRequestMethod(),
                        uri.getPath().replaceFirst("^/api/v2/", ""),
                        query, exchange.getRequestHeaders().getFirst("Authorization"), base);
                byte[] body = answer.bodyBytes();
                answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
                bytesServed.addAndGet(body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
            }
        });
        server.start();
    }

    /** The simulated account's {@code /api/v2}, for {@code freshdesk.base-url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2";
    }

    /** {@link System#nanoTime()} of the first request served; 0 before it. */
    public long firstRequestNanos() {
        return firstRequest.get();
    }

    /** The bytes of the bodies served so far. */
    public long bytesServed() {
        return bytesServed.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
