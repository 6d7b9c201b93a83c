package org.concurrencylab.stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Streams know topics and events, not experiments, studies or HTTP: those are web's to adapt. */
class StreamBoundariesTest {

    private static final JavaClasses STREAM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.concurrencylab.stream");

    @Test
    void streamsDependOnNoOtherPartOfTheLabAndOnNoWebFramework() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(
                        "org.concurrencylab.stream..", "java..", "org.slf4j..", "jakarta.validation..",
                        "org.hibernate.validator.constraints..", "org.springframework.context..",
                        "org.springframework.stereotype..", "org.springframework.boot.context.properties..",
                        "org.springframework.validation.annotation..")
                .check(STREAM);
    }
}
