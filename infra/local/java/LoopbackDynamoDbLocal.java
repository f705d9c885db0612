import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts DynamoDB Local (the official jar, unchanged) listening on 127.0.0.1 only.
 *
 * The jar's own main has no host option: DynamoDBProxyServer builds `new Server(port)`, whose one
 * connector listens on every interface, so anyone on the network could read and write the product's
 * table. Here the same server is built from the same command line (ServerRunner does the parsing and
 * wiring), then, before it opens any socket, its connectors are told to bind the loopback address.
 * Telemetry is never configured (we always pass -disableTelemetry).
 *
 * Exits 1 when the server did not start (DynamoDBProxyServer.start swallows a bind failure and only
 * prints it), so the Node supervisor sees a failed start rather than a silent, idle JVM.
 */
public final class LoopbackDynamoDbLocal {
  private static final String HOST = "127.0.0.1";

  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    // The Jetty server is a private field with no getter; the classpath has no module boundary to stop us.
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) fail("DynamoDB Local built no connector");
    for (Connector connector : connectors) {
      // Fail closed: a connector we cannot bind to loopback must not open at all.
      if (!(connector instanceof ServerConnector)) fail("unexpected connector " + connector.getClass().getName());
      ((ServerConnector) connector).setHost(HOST);
    }
    proxy.start();
    if (!server.isStarted()) fail("DynamoDB Local did not start");
    System.err.println("DynamoDB Local listening on " + HOST);
    proxy.join();
  }

  private static void fail(String message) {
    System.err.println(message);
    System.exit(1);
  }
}
