package org.concurrencylab.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/** The module boundaries of DESIGN.md, checked so that they stay true. */
class ArchitectureTest {

    /**
     * Spring AOT's generated bean definitions and proxies ({@code Foo__BeanDefinitions},
     * {@code Foo$$SpringCGLIB$$0}), which {@code mvn package} puts into target/classes for the dist's
     * fast start: generated code, whose shape is Spring's, not ours.
     */
    private static final ImportOption NOT_GENERATED =
            location -> !location.contains("__") && !location.contains("$$SpringCGLIB$$");

    private static final JavaClasses LAB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(NOT_GENERATED)
            .importPackages("org.concurrencylab");

    private static final JavaClasses LAB_AND_TESTS =
            new ClassFileImporter().withImportOption(NOT_GENERATED).importPackages("org.concurrencylab");

    @Test
    void theCoreWorkloadAndWorkerUseNothingButTheJdkAndEachOther() {
        // A worker JVM runs exactly this code and must start fast: no Spring, no libraries. The JDK's own
        // small HTTP server (module jdk.httpserver) is the one exception: io.http serves itself on loopback.
        // HdrHistogram is the one library, for the workloads' percentiles (LatencyHistogram; the worker jar
        // carries it). Jackson's annotations say how stored results read back; a worker JVM never loads them,
        // and a missing annotation class is no error for the JVM.
        classes().that().resideInAnyPackage("org.concurrencylab.core..", "org.concurrencylab.workload..",
                        "org.concurrencylab.worker..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "com.sun.net.httpserver..", "org.HdrHistogram..",
                        "com.fasterxml.jackson.annotation..", "org.concurrencylab.core..", "org.concurrencylab.workload..",
                        "org.concurrencylab.worker..")
                .check(LAB);
    }

    @Test
    void theCoreKnowsNoOtherPartOfTheLab() {
        noClasses().that().resideInAPackage("org.concurrencylab.core..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "com.fasterxml.jackson.annotation..",
                        "org.concurrencylab.core..")
                .check(LAB);
    }

    @Test
    void theEngineKnowsNothingOfExperimentsOrTheWeb() {
        noClasses().that().resideInAnyPackage("org.concurrencylab.execution..", "org.concurrencylab.measure..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.concurrencylab.experiment..", "org.concurrencylab.web..",
                        "org.concurrencylab.metrics..")
                .check(LAB);
    }

    /** The security package is the web's door: its filters and CORS rules stand in front of the controllers; ui serves the pages. */
    @Test
    void onlyTheWebLayerServesHttp() {
        noClasses().that().resideOutsideOfPackages("org.concurrencylab.web..", "org.concurrencylab.security..",
                        "org.concurrencylab.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..")
                .check(LAB);
    }

    @Test
    void nothingCallsIntoMetrics() {
        noClasses().that().resideOutsideOfPackage("org.concurrencylab.metrics..")
                .should().dependOnClassesThat().resideInAPackage("org.concurrencylab.metrics..")
                .check(LAB);
    }

    /**
     * Package-private by default: a public type must be used from another package, or it says more
     * than it needs to. The application class is the one entry point nobody in the lab calls.
     */
    @Test
    void everyPublicTypeIsUsedOutsideItsPackage() {
        classes().that().arePublic().and().areTopLevelClasses()
                .and().doNotHaveSimpleName("ConcurrencyLabApplication")
                .should(new ArchCondition<JavaClass>("be used from another package") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        // Its nested types count as it: using ExperimentEvent.Finished uses ExperimentEvent.
                        // Tests count too: a result record's parts are read by tests of the engine.
                        boolean usedElsewhere = LAB_AND_TESTS.stream()
                                .filter(c -> c.getName().equals(type.getName()) || c.getName().startsWith(type.getName() + "$"))
                                .flatMap(c -> c.getDirectDependenciesToSelf().stream())
                                .anyMatch(d -> !d.getOriginClass().getPackageName().equals(type.getPackageName()));
                        if (!usedElsewhere) {
                            events.add(SimpleConditionEvent.violated(type, type.getName()
                                    + " is public but used only inside " + type.getPackageName()));
                        }
                    }
                })
                .check(LAB);
    }
}
