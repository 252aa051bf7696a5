package dev.warden.runner.org;

import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads many records without holding them: a SOQL query handed to the sink row by row, page by page (REST
 * {@code nextRecordsUrl} or Partner {@code queryMore}), so a 300k-row result never sits in memory at once.
 */
public interface RecordStream {

    /** Runs the query and hands every row to {@code sink} as it arrives; returns the number of rows. */
    long each(String soql, Consumer<Row> sink);

    /** Field names of an object (describe), to read only the permission fields this org has. */
    Set<String> fields(String sobject);

    /** One row; {@code get("Profile.UserLicense.Name")} follows relationships; null when absent. */
    interface Row {
        String get(String path);

        default boolean is(String path) {
            return "true".equalsIgnoreCase(get(path));
        }
    }
}
