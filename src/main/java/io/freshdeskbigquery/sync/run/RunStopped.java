package io.freshdeskbigquery.sync.run;

/**
 * The application is stopping (a signal, {@code q} in dev mode) and the run's paging loop broke off with pages left: the
 * run ends here, its rows read so far written and merged, and is recorded as stopped ({@link EndStoppedRun}).
 */
public class RunStopped extends RuntimeException {

    public RunStopped(String message) {
        super(message);
    }
}
