package io.freshdeskbigquery.destination;

import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The boundary keys of a cursor as every destination stores them in {@code _sync_state.boundary_keys}: a JSON array
 * of strings, sorted. Written and read with the application's one ObjectMapper.
 */
public final class BoundaryKeys {

    private final ObjectMapper mapper;

    public BoundaryKeys(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Set<String> parse(String json, String stream) {
        try {
            Set<String> keys = new HashSet<>();
            mapper.readTree(json).forEach(n -> keys.add(n.asText()));
            return keys;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new DestinationException("Unreadable boundary keys in _sync_state for stream " + stream + ": "
                    + e.getMessage(), e);
        }
    }

    public String format(Set<String> keys) {
        try {
            return mapper.writeValueAsString(keys.stream().sorted().toList());
        } catch (JsonProcessingException e) {
            throw new DestinationException("Cannot store boundary keys: " + e.getMessage(), e);
        }
    }
}
