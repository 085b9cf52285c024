package org.gridcare.privacy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rule of docs/ARCHITECTURE.md for this module. */
@AnalyzeClasses(packages = "org.gridcare.privacy", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainIsPure = classes().that().resideInAPackage("..privacy.domain..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.gridcare.privacy.domain..",
          "org.gridcare.platform.domain..");

  @ArchTest
  static final ArchRule appKnowsNoAdapter = noClasses().that().resideInAPackage("..privacy.app..")
      .should().dependOnClassesThat().resideInAnyPackage("..privacy.pg..", "..privacy.http..", "..privacy.fs..",
          "..privacy.yaml..", "io.vertx.sqlclient..", "io.vertx.pgclient..", "io.vertx.ext.web..");

  @ArchTest
  static final ArchRule httpDoesNotTouchStorage = noClasses().that().resideInAPackage("..privacy.http..")
      .should().dependOnClassesThat().resideInAnyPackage("..privacy.pg..", "..privacy.fs..", "io.vertx.sqlclient..");

  @ArchTest
  static final ArchRule adaptersDoNotReachTheWiring = noClasses().that()
      .resideInAnyPackage("..privacy.pg..", "..privacy.http..", "..privacy.fs..", "..privacy.yaml..")
      .should().dependOnClassesThat().resideInAPackage("org.gridcare.privacy");
}
