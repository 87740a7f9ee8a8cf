package io.freshdeskbigquery.destination.duckdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.freshdeskbigquery.table.Column;

/**
 * The SQL of the DuckDB destination: the files {@code classpath:duckdb/<name>.sql}, each one statement, or a few run
 * one after the other (each ending with {@code ;} at the end of a line). Their values travel as JDBC parameters
 * ({@code ?}) where the statement takes them; what parameters cannot hold (the names of tables and columns, the
 * settings of {@code ATTACH} and {@code SET}) is written into the text at its {@code ${name}} places, each filled by
 * one of the {@link Statement}'s methods: a name quoted ({@link #quote}), a string as a literal ({@link #literal}), a
 * number, or SQL made here from those. A place left empty, or a value for no place, is refused. A file may span lines
 * for reading (a statement's lines are joined into one) and say why in lines of their own starting with {@code --},
 * which are left out.
 */
final class DuckDbSql {

    private static final Pattern PLACE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");
    /** The end of a statement in a file of several: a {@code ;} ending its line. */
    private static final Pattern END = Pattern.compile(";[ \\t]*(\\r?\\n|$)");
    private static final Pattern LINE_BREAK = Pattern.compile("[ \\t]*\\r?\\n[ \\t]*");
    private static final Pattern COMMENT_LINE = Pattern.compile("(?m)^[ \\t]*--.*(\\r?\\n|$)");
    /** The files read, by name: their statements as written. */
    private static final Map<String, List<String>> FILES = new ConcurrentHashMap<>();

    private DuckDbSql() {
    }

    /** The file {@code duckdb/<name>.sql}, its places to fill. */
    static Statement statement(String name) {
        return new Statement(name, FILES.computeIfAbsent(name, DuckDbSql::read));
    }

    private static List<String> read(String name) {
        String path = "duckdb/" + name + ".sql";
        String text;
        try (InputStream in = DuckDbSql.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("No statement file " + path + " on the class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
        List<String> statements = new ArrayList<>();
        for (String statement : END.split(COMMENT_LINE.matcher(text).replaceAll(""))) {
            String joined = LINE_BREAK.matcher(statement.strip()).replaceAll(" ");
            if (!joined.isEmpty()) {
                statements.add(joined);
            }
        }
        if (statements.isEmpty()) {
            throw new IllegalStateException(path + " holds no statement");
        }
        return List.copyOf(statements);
    }

    /** A statement file and the values of its places, filled one by one; {@link #sql} or {@link #sqls} the text. */
    static final class Statement {

        private final String name;
        private final List<String> templates;
        private final Map<String, String> values = new LinkedHashMap<>();

        private Statement(String name, List<String> templates) {
            this.name = name;
            this.templates = templates;
        }

        /** A table's or column's name, quoted ({@link #quote}). */
        Statement name(String place, String identifier) {
            return put(place, quote(identifier));
        }

        /** A string, as an SQL literal ({@link #literal}). */
        Statement literal(String place, String text) {
            return put(place, DuckDbSql.literal(text));
        }

        Statement number(String place, long number) {
            return put(place, Long.toString(number));
        }

        /** SQL made by the caller from names quoted and literals escaped here, or from constants. */
        Statement sql(String place, String sql) {
            return put(place, sql);
        }

        private Statement put(String place, String value) {
            if (values.putIfAbsent(place, value) != null) {
                throw new IllegalArgumentException("duckdb/" + name + ".sql: ${" + place + "} filled twice");
            }
            return this;
        }

        /** The file's one statement, its places filled. */
        String sql() {
            List<String> sqls = sqls();
            if (sqls.size() != 1) {
                throw new IllegalStateException("duckdb/" + name + ".sql holds " + sqls.size() + " statements");
            }
            return sqls.get(0);
        }

        /** The file's statements, in order, their places filled. */
        List<String> sqls() {
            Set<String> unused = new HashSet<>(values.keySet());
            List<String> filled = new ArrayList<>(templates.size());
            for (String template : templates) {
                Matcher place = PLACE.matcher(template);
                StringBuilder sql = new StringBuilder();
                while (place.find()) {
                    String value = values.get(place.group(1));
                    if (value == null) {
                        throw new IllegalStateException(
                                "duckdb/" + name + ".sql: no value for ${" + place.group(1) + "}");
                    }
                    unused.remove(place.group(1));
                    place.appendReplacement(sql, Matcher.quoteReplacement(value));
                }
                place.appendTail(sql);
                filled.add(sql.toString());
            }
            if (!unused.isEmpty()) {
                throw new IllegalArgumentException("duckdb/" + name + ".sql has no place " + unused);
            }
            return filled;
        }
    }

    /** A name quoted: in double quotes, a double quote in it doubled. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A string as an SQL literal: in single quotes, a single quote in it doubled. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    static String sqlType(Column.ColumnType type) {
        return switch (type) {
            case BIGINT -> "BIGINT";
            case INTEGER -> "INTEGER";
            case VARCHAR -> "VARCHAR";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> "TIMESTAMPTZ";
            case JSON -> "JSON";
        };
    }
}
