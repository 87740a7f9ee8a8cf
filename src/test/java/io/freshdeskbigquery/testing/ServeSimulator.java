package io.freshdeskbigquery.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.simulator.SimulatedFreshdesk;
import io.freshdeskbigquery.simulator.SimulatorSettings;

/**
 * The simulator as a process of its own, for a run of the packaged app or of its image that has no simulator in it
 * (a production build carries none): {@code .ci/image-test} starts it on loopback and points the image at it.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:'target/quarkus-app/lib/main/*' \
 *     io.freshdeskbigquery.testing.ServeSimulator TICKETS CONTACTS COMPANIES URL_FILE
 * </pre>
 *
 * An account of that size with the simulator's seed and API key ({@code simulator-key}), no rate limit and no
 * mutations, so a full sync loads exactly that many records. It writes its {@code /api/v2} URL to {@code URL_FILE}
 * once it serves, and serves until it is stopped.
 */
public final class ServeSimulator {

    private ServeSimulator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ServeSimulator TICKETS CONTACTS COMPANIES URL_FILE");
            System.exit(2);
        }
        SimulatedFreshdesk simulator = new SimulatedFreshdesk(SimulatorSettings.defaults()
                .withTickets(Integer.parseInt(args[0]))
                .withContacts(Integer.parseInt(args[1]))
                .withCompanies(Integer.parseInt(args[2]))
                .withUnlimitedRate(), Clock.systemUTC(), new ObjectMapper());
        SimulatorHttpServer server = new SimulatorHttpServer(simulator);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        // written whole, then moved: a reader never sees half a URL
        Path file = Path.of(args[3]);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, server.baseUrl() + "\n", StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("simulator: " + args[0] + " tickets, " + args[1] + " contacts, " + args[2]
                + " companies at " + server.baseUrl());
        Thread.currentThread().join();
    }
}
