package io.freshdeskbigquery.freshdesk;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One day's ticket activity export as the export route ({@code direct:freshdesk-activity-export}) reads it: asked for
 * the day ({@code export/ticket_activities?created_at=<day>}), Freshdesk answers a link to the day's file (or several)
 * or that the export is not ready yet (404, or no link), and each file behind a link is read. Carried as the exchange
 * property {@value #PROPERTY}, made anew each time the day is asked for (a retry asks again for fresh links).
 */
public final class ActivityExportDay {

    public static final String PROPERTY = "freshdeskActivityExportDay";
    /** Exchange property: the day to ask for ({@link LocalDate}), set by the caller. */
    public static final String DATE = "freshdeskActivityExportDate";

    private final LocalDate day;
    private boolean ready;
    private final List<String> links = new ArrayList<>();
    private final List<ActivityExportFile> files = new ArrayList<>();
    private String answer = "";

    public ActivityExportDay(LocalDate day) {
        this.day = day;
    }

    public LocalDate day() {
        return day;
    }

    /** Freshdesk answered links to the day's files. */
    void ready(List<String> dayLinks, String what) {
        this.ready = !dayLinks.isEmpty();
        this.links.addAll(dayLinks);
        this.answer = what;
    }

    /** Freshdesk answered that the day's export is not there (yet): 404, or an answer without a link. */
    void notReady(String what) {
        this.ready = false;
        this.answer = what;
    }

    /** Whether the day's export is there: its files are read. */
    public boolean ready() {
        return ready;
    }

    /** What Freshdesk answered, for the log: {@code HTTP 404 (file_not_found)}. */
    public String answer() {
        return answer;
    }

    /** Whether a link is left to read. */
    public boolean hasMoreFiles() {
        return files.size() < links.size();
    }

    /** The link of the next file to read. */
    String nextLink() {
        return links.get(files.size());
    }

    /** Which file is read now, for messages: {@code file 1 of 2}. */
    String fileLabel() {
        return "file " + (files.size() + 1) + " of " + links.size();
    }

    void fileRead(ActivityExportFile file) {
        files.add(file);
    }

    /** The files read, in the order of their links. */
    public List<ActivityExportFile> files() {
        return files;
    }

    /** How messages name the export: {@code export of 2026-12-01}. */
    public String label() {
        return "export of " + day;
    }
}
