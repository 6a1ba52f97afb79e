package io.trace2train.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Plugins are written against the public API alone, so the engine can change beneath them. */
class PluginLayeringTest {

    @Test
    void everyModuleIsImported() {
        for (Class<?> module : ProductClasses.MODULES) {
            assertTrue(ProductClasses.all().contain(module), module.getName());
        }
    }

    @Test
    void pluginsDoNotDependOnTheEngine() {
        noClasses().that().resideInAnyPackage(ProductClasses.PLUGINS)
                .should().dependOnClassesThat().resideInAPackage(ProductClasses.ENGINE)
                .orShould().dependOnClassesThat().resideInAnyPackage(ProductClasses.ABOVE_ENGINE)
                .check(ProductClasses.all());
    }

    @Test
    void pluginsShareCodeOnlyThroughTheApiAndTheTextLibrary() {
        for (String plugin : ProductClasses.PLUGIN_PACKAGES) {
            String[] others = ProductClasses.PLUGIN_PACKAGES.stream().filter(other -> !other.equals(plugin))
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage(plugin)
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("a plugin ships alone: what two plugins share belongs in the api or verifiers/text")
                    .check(ProductClasses.all());
        }
    }

    @Test
    void theTextLibraryDependsOnTheApiAlone() {
        String[] plugins = ProductClasses.PLUGIN_PACKAGES.toArray(String[]::new);
        noClasses().that().resideInAPackage(ProductClasses.TEXT_LIBRARY)
                .should().dependOnClassesThat().resideInAnyPackage(plugins)
                .orShould().dependOnClassesThat().resideInAPackage(ProductClasses.ENGINE)
                .orShould().dependOnClassesThat().resideInAnyPackage(ProductClasses.ABOVE_ENGINE)
                .check(ProductClasses.all());
    }

    @Test
    void theApiDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage(ProductClasses.API)
                .should().dependOnClassesThat().resideInAnyPackage(ProductClasses.ENGINE)
                .orShould().dependOnClassesThat().resideInAnyPackage(ProductClasses.PLUGINS)
                .orShould().dependOnClassesThat().resideInAnyPackage(ProductClasses.ABOVE_ENGINE)
                .orShould().dependOnClassesThat().resideInAPackage("com.google.inject..")
                .check(ProductClasses.all());
    }
}
