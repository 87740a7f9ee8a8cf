package io.freshdeskbigquery.destination;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A row's typed values by column name: an array in the order of its stream's columns, with one name-to-position map
 * shared by all the stream's rows ({@link Layout}), instead of a hash map of its own per row (about a kilobyte of
 * garbage a row, and the writer's lookups in it a third of its Java time; BENCHMARKS.md#decision-row-values-in-an-array). A null value is no entry.
 * Only the layout's columns can be put.
 */
public final class ColumnValues extends AbstractMap<String, Object> {

    /** Where each column's value lies, for all the rows of one list of columns. */
    public static final class Layout {
        private final Map<String, Integer> positions;
        private final String[] names;

        public Layout(List<String> names) {
            this.names = names.toArray(String[]::new);
            this.positions = new HashMap<>(names.size() * 2);
            for (int i = 0; i < this.names.length; i++) {
                positions.putIfAbsent(this.names[i], i);
            }
        }
    }

    private final Layout layout;
    private final Object[] values;

    public ColumnValues(Layout layout) {
        this.layout = layout;
        this.values = new Object[layout.names.length];
    }

    @Override
    public Object get(Object name) {
        Integer position = layout.positions.get(name);
        return position == null ? null : values[position];
    }

    @Override
    public boolean containsKey(Object name) {
        return get(name) != null;
    }

    /** Sets a column's value (null: none); a name that is not one of the layout's columns is refused. */
    @Override
    public Object put(String name, Object value) {
        Integer position = layout.positions.get(name);
        if (position == null) {
            throw new IllegalArgumentException("no column " + name + " in this row");
        }
        Object before = values[position];
        values[position] = value;
        return before;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);

                    private int advance(int from) {
                        int i = from;
                        while (i < values.length && values[i] == null) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> entry = new SimpleImmutableEntry<>(layout.names[next], values[next]);
                        next = advance(next + 1);
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                int count = 0;
                for (Object value : values) {
                    if (value != null) {
                        count++;
                    }
                }
                return count;
            }
        };
    }
}
