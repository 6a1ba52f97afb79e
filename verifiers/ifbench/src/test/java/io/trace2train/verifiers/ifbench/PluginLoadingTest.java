package io.trace2train.verifiers.ifbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trace2train.engine.plugin.LoadedPlugin;
import io.trace2train.engine.plugin.PluginLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine loads the plugin from the class path beside IFEval's: its ids and patch names pass its checks. */
class PluginLoadingTest {

    @Test
    void theEngineLoadsTheIfbenchPlugin() {
        List<LoadedPlugin> plugins = new PluginLoader().load(null);
        LoadedPlugin ifbench = plugins.stream().filter(p -> p.name().equals("ifbench")).findFirst().orElseThrow();
        assertEquals(58, ifbench.plugin().verifierFactories().size());
        assertEquals(5, ifbench.plugin().repairStrategies().size());
    }
}
