package dev.modelport.registry.distribution;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Cross-instance change propagation through PostgreSQL {@code LISTEN/NOTIFY}. A change {@link #publish publishes} a
 * topic with {@code pg_notify} inside its own transaction, so PostgreSQL delivers it only when (and if) that
 * transaction commits. Every instance listens on one dedicated connection (outside the pool, which would reuse or
 * validate it away) and fires a {@link RemoteChange} for each notification another instance sent.
 *
 * <p>Notifications sent while the listening connection is down are lost, so after every (re)connect the listener fires
 * {@link RemoteChange#ALL}: observers reload everything. Observers also keep a slow safety refresh of their own.
 */
@ApplicationScoped
public class ChangeFeed {

    /** The one channel all topics share; the payload is {@code <topic> <origin instance>}. */
    static final String CHANNEL = "modelport_changes";
    /** The application name the listening connection shows in {@code pg_stat_activity} (tests terminate it). */
    public static final String APPLICATION_NAME = "modelport-change-feed";

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    private static final int WAIT_MILLIS = 500;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** Identifies this instance's own notifications, which it has already acted on locally after the commit. */
    private final String origin = UUID.randomUUID().toString();

    @Inject
    EntityManager em;

    @Inject
    Event<RemoteChange> remote;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    private volatile boolean stopping;
    private volatile boolean connected;
    private Thread listener;

    /** Announces {@code topic} to every other instance when the caller's transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String topic) {
        em.createNativeQuery("SELECT pg_notify(?1, ?2)").setParameter(1, CHANNEL)
                .setParameter(2, topic + " " + origin).getSingleResult();
    }

    /** Whether the listening connection is up (a health signal; while down, other instances' changes wait). */
    public boolean listening() {
        return connected;
    }

    void start(@Observes StartupEvent event) {
        listener = new Thread(this::listenForever, "change-feed");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void listenForever() {
        long backoff = 200;
        while (!stopping) {
            try (Connection c = connect()) {
                backoff = 200;
                connected = true;
                // Anything may have changed while we were not listening; observers reload in full.
                fire(RemoteChange.ALL);
                receive(c.unwrap(PGConnection.class));
            } catch (SQLException | RuntimeException e) {
                if (stopping) {
                    return;
                }
                LOG.warnf("change feed connection lost (%s); reconnecting in %d ms", e.getMessage(), backoff);
            } finally {
                connected = false;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("ApplicationName", APPLICATION_NAME);
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("connectTimeout", "5");
        Connection c = DriverManager.getConnection(url, props);
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
        }
        return c;
    }

    private void receive(PGConnection c) throws SQLException {
        while (!stopping) {
            // Blocks up to WAIT_MILLIS; throws once the server or the network is gone.
            PGNotification[] notes = c.getNotifications(WAIT_MILLIS);
            if (notes == null) {
                continue;
            }
            for (PGNotification note : notes) {
                String[] parts = note.getParameter().split(" ", 2);
                if (parts.length == 2 && parts[1].equals(origin)) {
                    continue;
                }
                fire(new RemoteChange(parts[0]));
            }
        }
    }

    private void fire(RemoteChange change) {
        try {
            remote.fire(change);
        } catch (RuntimeException e) {
            LOG.error("an observer failed on " + change, e);
        }
    }
}
