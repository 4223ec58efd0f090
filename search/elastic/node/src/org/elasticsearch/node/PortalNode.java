package org.elasticsearch.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.PortalPluginsService;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import vn.portal.elasticsearch.FoldingPlugin;

/**
 * One Elasticsearch node in this JVM:
 * `java org.elasticsearch.node.PortalNode HOME HTTP_PORT [SETTING=VALUE ...]`.
 * HOME holds config/ (elasticsearch.yml, log4j2.properties), data/ and logs/. The transport
 * port is HTTP_PORT + 100. SETTING=VALUE pairs override elasticsearch.yml (a node of a cluster
 * gets its cluster.name, node.name, discovery.seed_hosts, ... this way). Runs until killed.
 * Lives in this package because Node's construction hooks are package-private.
 */
public class PortalNode extends Node {

    PortalNode(Environment environment) {
        super(NodeConstruction.prepareConstruction(environment, new NodeServiceProvider() {
            @Override
            org.elasticsearch.plugins.PluginsService newPluginService(Environment env, Settings settings) {
                return new PortalPluginsService(settings, environment, List.of(Netty4Plugin.class, FoldingPlugin.class));
            }
        }, true));
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        String httpPort = args[1];
        for (String folder : List.of("data", "logs", "modules", "plugins")) {
            Files.createDirectories(home.resolve(folder));
        }
        System.setProperty("es.set.netty.runtime.available.processors", "false");
        Settings.Builder builder = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("http.port", httpPort)
            .put("transport.port", Integer.toString(Integer.parseInt(httpPort) + 100));
        for (String pair : List.of(args).subList(2, args.length)) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("expected SETTING=VALUE, got: " + pair);
            }
            builder.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        Settings settings = builder.build();
        String nodeName = settings.get("node.name", "portal-node");
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings, java.util.Map.of(), home.resolve("config"), () -> nodeName);
        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName(nodeName);
        LogConfigurator.configure(environment, true);
        Node node = new PortalNode(environment).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception error) {
                error.printStackTrace();
            }
            stopped.countDown();
        }));
        stopped.await();
    }
}
