package org.elasticsearch.plugins;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.elasticsearch.Version;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.jdk.ModuleQualifiedExportsService;

/**
 * Plugins given as classes on the JVM's class path (the HTTP module and the portal's analysis
 * filters), because Maven Central serves them as plain jars, not as a distribution's modules/.
 * Lives in this package for access to PluginsService's package-private loading methods.
 */
public class PortalPluginsService extends PluginsService {

    private final List<LoadedPlugin> classpathPlugins;
    private final PluginsAndModules classpathInfo;

    public PortalPluginsService(Settings settings, Environment environment, Collection<Class<? extends Plugin>> pluginClasses) {
        super(settings, environment.configFile(), environment.modulesFile(), environment.pluginsFile());
        List<LoadedPlugin> loaded = new ArrayList<>();
        for (Class<? extends Plugin> pluginClass : pluginClasses) {
            Plugin plugin = loadPlugin(pluginClass, settings, environment.configFile());
            PluginDescriptor descriptor = new PluginDescriptor(pluginClass.getName(), "class path plugin", "NA",
                Version.CURRENT.toString(), Integer.toString(Runtime.version().feature()), pluginClass.getName(), null,
                List.of(), false, false, false, false);
            loaded.add(new LoadedPlugin(descriptor, plugin));
        }
        List<PluginRuntimeInfo> infos = new ArrayList<>(super.info().getPluginInfos());
        loaded.stream().map(LoadedPlugin::descriptor).map(PluginRuntimeInfo::new).forEach(infos::add);
        loadExtensions(loaded);
        loaded.addAll(super.plugins());
        this.classpathPlugins = List.copyOf(loaded);
        this.classpathInfo = new PluginsAndModules(infos, super.info().getModuleInfos());
    }

    @Override
    protected final List<LoadedPlugin> plugins() {
        return classpathPlugins;
    }

    @Override
    public PluginsAndModules info() {
        return classpathInfo;
    }

    @Override
    protected void addServerExportsService(Map<String, List<ModuleQualifiedExportsService>> qualifiedExports) {
        // Class path plugins share the server's class loader: nothing to export.
    }
}
