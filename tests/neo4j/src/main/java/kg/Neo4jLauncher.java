package kg;

import java.nio.file.Path;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Neo4j embedded with its Bolt connector on 127.0.0.1:PORT, data in HOME, the user
 * neo4j with PASSWORD. Runs until its standard input closes (so it ends when the
 * process that started it ends, however that one ended) or it is killed.
 *
 *   java -cp ... kg.Neo4jLauncher HOME PORT PASSWORD
 */
public final class Neo4jLauncher {
    public static void main(String[] args) throws Exception {
        // Watch the parent from the first instant, not only once the database is up:
        // a parent that dies during a slow start must not leave a server behind.
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
        Thread stdin = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // input is ignored; end of input (the parent is gone) stops the server
                }
            } catch (java.io.IOException e) {
                // a broken pipe is the same news
            }
            System.exit(0);  // runs the shutdown hook
        });
        stdin.setDaemon(true);
        stdin.start();
        Path home = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        String password = args[2];
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(512))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown));
        // The password of a fresh store's neo4j user; on a restart it is already set.
        dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j IF EXISTS SET PASSWORD $p CHANGE NOT REQUIRED", Map.of("p", password));
        System.out.println("kg-neo4j ready " + org.neo4j.kernel.internal.Version.getNeo4jVersion());
        System.out.flush();
        stdin.join();
    }
}
