package io.freshdeskbigquery.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Calls the simulator the way a loader would, and reads its answers. */
final class SimClient {

    static final String BASE_URL = "http://localhost:8080/simulator/api/v2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatedFreshdesk simulator;
    private final String authorization;

    SimClient(SimulatedFreshdesk simulator) {
        this(simulator, SimulatedFreshdesk.basicAuthorization(simulator.settings().apiKey()));
    }

    SimClient(SimulatedFreshdesk simulator, String authorization) {
        this.simulator = simulator;
        this.authorization = authorization;
    }

    /** GET path with parameters given as name, value, name, value... */
    SimResponse get(String path, String... nameValues) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            query.put(nameValues[i], nameValues[i + 1]);
        }
        return simulator.handle("GET", path, query, authorization, BASE_URL);
    }

    static List<Map<String, Object>> records(SimResponse response) {
        try {
            return JSON.readValue(response.body(), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> object(SimResponse response) {
        try {
            return JSON.readValue(response.body(), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Follows Link rel=next from the given first call to the end; returns every record. */
    List<Map<String, Object>> readAll(String path, String... nameValues) {
        SimResponse response = get(path, nameValues);
        List<Map<String, Object>> all = new ArrayList<>(records(response));
        String link = response.header("Link");
        while (link != null) {
            String url = link.substring(1, link.indexOf('>'));
            response = get(path, queryOf(url));
            if (response.status() != 200) {
                throw new AssertionError("status " + response.status() + ": " + response.body());
            }
            all.addAll(records(response));
            link = response.header("Link");
        }
        return all;
    }

    private static String[] queryOf(String url) {
        String query = url.substring(url.indexOf('?') + 1);
        String[] pairs = query.split("&");
        String[] nameValues = new String[pairs.length * 2];
        for (int i = 0; i < pairs.length; i++) {
            String[] pair = pairs[i].split("=", 2);
            nameValues[2 * i] = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            nameValues[2 * i + 1] = URLDecoder.decode(pair[1], StandardCharsets.UTF_8);
        }
        return nameValues;
    }
}
