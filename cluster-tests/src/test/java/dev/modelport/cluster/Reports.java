package dev.modelport.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the database holds of device reports: the ground truth an acknowledgement promises. */
final class Reports {

    private Reports() {
    }

    /** The acknowledged events ({@code device id → event ids}) that are not in {@code device_report}. */
    static List<String> missing(Connection db, Map<String, Set<String>> acknowledged) throws SQLException {
        List<String> missing = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("SELECT event_id FROM device_report WHERE device_id = ?")) {
            for (var device : acknowledged.entrySet()) {
                q.setString(1, device.getKey());
                Set<String> stored = new HashSet<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                    }
                }
                for (String id : device.getValue()) {
                    if (!stored.contains(id)) {
                        missing.add(device.getKey() + "/" + id);
                    }
                }
            }
        }
        return missing;
    }
}
