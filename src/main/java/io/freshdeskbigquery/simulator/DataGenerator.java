package io.freshdeskbigquery.simulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * Builds the account as it stands at {@code settings.now()}: ids and timestamps of every record,
 * spread over the three years before now. Record content is not built here but rendered on demand
 * by {@link RecordRenderer}.
 *
 * <p>Timestamps are shaped like a real account's: ids grow with created_at; some records were never
 * updated (updated_at = created_at); about a quarter were last touched by a bulk action (automation,
 * import) and so share their updated_at second with others; the rest were updated some time after
 * creation, mostly soon after. Nothing is updated after now.
 */
final class DataGenerator {

    static final long TICKET_FIRST_ID = 67_042_965_499L;
    static final long CONTACT_FIRST_ID = 67_000_120_451L;
    static final long COMPANY_FIRST_ID = 67_000_010_203L;
    static final long AGENT_FIRST_ID = 67_000_001_004L;
    static final long GROUP_FIRST_ID = 67_000_000_301L;
    static final long ROLE_FIRST_ID = 67_000_000_101L;
    static final long RATING_FIRST_ID = 67_100_000_001L;
    static final long TIME_ENTRY_FIRST_ID = 67_200_000_001L;
    static final long SETTING_FIRST_ID = 67_000_100_001L;
    static final int AGENTS = 8;
    static final int GROUPS = 5;
    static final int ROLES = 3;
    static final Duration HISTORY = Duration.ofDays(3 * 365);

    private DataGenerator() {
    }

    static Dataset generate(SimulatorSettings settings) {
        long end = settings.now().getEpochSecond();
        long start = end - HISTORY.getSeconds();
        Map<SimStream, RecordStore> stores = new EnumMap<>(SimStream.class);
        stores.put(SimStream.TICKETS, stream(settings.seed(), SimStream.TICKETS, settings.tickets(),
                TICKET_FIRST_ID, start, end));
        stores.put(SimStream.CONTACTS, stream(settings.seed(), SimStream.CONTACTS, settings.contacts(),
                CONTACT_FIRST_ID, start, end));
        stores.put(SimStream.COMPANIES, stream(settings.seed(), SimStream.COMPANIES, settings.companies(),
                COMPANY_FIRST_ID, start, end));
        // The team was set up when the account was: agents and groups are as old as the history.
        stores.put(SimStream.AGENTS, stream(settings.seed(), SimStream.AGENTS, AGENTS, AGENT_FIRST_ID,
                start - 86_400, start));
        stores.put(SimStream.GROUPS, stream(settings.seed(), SimStream.GROUPS, GROUPS, GROUP_FIRST_ID,
                start - 86_400, start));
        stores.put(SimStream.ROLES, stream(settings.seed(), SimStream.ROLES, ROLES, ROLE_FIRST_ID,
                start - 86_400, start));
        // CSAT answers and time logged follow the tickets; the account's settings are as old as the account
        stores.put(SimStream.SATISFACTION_RATINGS, stream(settings.seed(), SimStream.SATISFACTION_RATINGS,
                settings.tickets() / 4, RATING_FIRST_ID, start, end));
        stores.put(SimStream.TIME_ENTRIES, stream(settings.seed(), SimStream.TIME_ENTRIES, settings.tickets() / 3,
                TIME_ENTRY_FIRST_ID, start, end));
        long settingId = SETTING_FIRST_ID;
        for (SimStream setting : CatalogueRenderer.SETTINGS.keySet()) {
            stores.put(setting, stream(settings.seed(), setting, CatalogueRenderer.SETTINGS.get(setting), settingId,
                    start - 86_400, start));
            settingId += 1_000;
        }
        stores.put(SimStream.HELPDESK_SETTINGS, stream(settings.seed(), SimStream.HELPDESK_SETTINGS, 1, settingId,
                start - 86_400, start));
        return new Dataset(settings.seed(), stores, settings.now());
    }

    /** A gap of 1 to 3 between consecutive ids, as on a shared id sequence. */
    static long nextId(long previousId, Random random) {
        return previousId + 1 + random.nextInt(3);
    }

    private static RecordStore stream(long seed, SimStream stream, int count, long firstId, long start, long end) {
        Random random = Seeds.random(seed, stream.ordinal(), 0x5eed);
        RecordStore store = new RecordStore(count);
        long[] created = new long[count];
        for (int i = 0; i < count; i++) {
            created[i] = start + (long) (random.nextDouble() * (end - start));
        }
        Arrays.sort(created);
        long[] bulkSeconds = bulkActionSeconds(random, count, start, end);
        long id = firstId;
        for (int row = 0; row < count; row++) {
            if (row > 0) {
                id = nextId(id, random);
            }
            store.append(id, created[row], updatedAt(random, created[row], end, bulkSeconds));
        }
        return store;
    }

    private static long[] bulkActionSeconds(Random random, int count, long start, long end) {
        long[] seconds = new long[Math.max(4, count / 25)];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = start + (long) (random.nextDouble() * (end - start));
        }
        Arrays.sort(seconds);
        return seconds;
    }

    private static long updatedAt(Random random, long created, long end, long[] bulkSeconds) {
        double kind = random.nextDouble();
        if (kind < 0.15) {
            return created;
        }
        if (kind < 0.40) {
            int first = lowerBound(bulkSeconds, created);
            if (first < bulkSeconds.length) {
                // one of the next few bulk actions after creation
                return bulkSeconds[first + random.nextInt(Math.min(5, bulkSeconds.length - first))];
            }
            return created;
        }
        double soon = Math.pow(random.nextDouble(), 3);
        return created + (long) (soon * (end - created));
    }

    private static int lowerBound(long[] sorted, long value) {
        int index = Arrays.binarySearch(sorted, value);
        if (index < 0) {
            return -index - 1;
        }
        while (index > 0 && sorted[index - 1] == value) {
            index--;
        }
        return index;
    }
}
