package org.concurrencylab.interleavings;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The explorer is plain computation in the core: the JDK and itself, no Spring, no other module. */
class InterleavingsArchitectureTest {

    @Test
    void theExplorerUsesNothingButTheJdk() {
        classes().that().resideInAPackage("org.concurrencylab.interleavings..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.concurrencylab.core..",
                        "org.concurrencylab.interleavings..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.concurrencylab.interleavings"));
    }
}
