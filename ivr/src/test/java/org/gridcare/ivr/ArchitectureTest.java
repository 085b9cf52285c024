package org.gridcare.ivr;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.gridcare.ivr", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainIsPure = classes().that().resideInAPackage("org.gridcare.ivr.domain..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.gridcare.ivr.domain..",
          "org.gridcare.platform.domain..");

  @ArchTest
  static final ArchRule onlyTheFreeTtsAdapterImportsFreeTts = noClasses().that()
      .resideOutsideOfPackage("org.gridcare.ivr.freetts..")
      .should().dependOnClassesThat().resideInAnyPackage("com.sun.speech..", "de.dfki..");

  @ArchTest
  static final ArchRule theEngineKnowsNoAdapter = noClasses().that().resideInAPackage("org.gridcare.ivr.app..")
      .should().dependOnClassesThat().resideInAnyPackage("org.gridcare.ivr.yaml..", "org.gridcare.ivr.freetts..", "org.gridcare.ivr.command..",
          "org.gridcare.ivr.journal..", "org.gridcare.ivr.metrics..", "org.gridcare.ivr.http..", "com.fasterxml..",
          "org.asteriskjava..", "io.micrometer..");
}
