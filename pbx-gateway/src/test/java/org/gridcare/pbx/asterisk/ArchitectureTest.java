package org.gridcare.pbx.asterisk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dependency rules of the PBX module, as tests. */
class ArchitectureTest {
  static final JavaClasses PBX = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.gridcare.pbx");

  @Test
  void onlyTheAsteriskAdapterImportsAsteriskJava() {
    noClasses().that().resideOutsideOfPackage("org.gridcare.pbx.asterisk..")
        .should().dependOnClassesThat().resideInAPackage("org.asteriskjava..")
        .check(PBX);
  }

  @Test
  void thePbxDomainIsPure() {
    classes().that().resideInAPackage("org.gridcare.pbx.domain..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.gridcare.pbx.domain..", "org.gridcare.platform.domain..")
        .check(PBX);
  }

  @Test
  void thePortsDependOnTheDomainPlatformAndVertxFuturesOnly() {
    classes().that().resideInAPackage("org.gridcare.pbx")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.gridcare.pbx", "org.gridcare.pbx.domain..",
            "org.gridcare.platform.domain..", "io.vertx.core")
        .check(PBX);
  }
}
