package org.concurrencylab.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module boundaries of DESIGN.md, checked so that they stay true. */
class ArchitectureTest {

    private static final JavaClasses LAB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.concurrencylab");

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

    @Test
    void onlyTheWebLayerServesHttp() {
        noClasses().that().resideOutsideOfPackage("org.concurrencylab.web..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..")
                .check(LAB);
    }

    @Test
    void nothingCallsIntoMetrics() {
        noClasses().that().resideOutsideOfPackage("org.concurrencylab.metrics..")
                .should().dependOnClassesThat().resideInAPackage("org.concurrencylab.metrics..")
                .check(LAB);
    }
}
