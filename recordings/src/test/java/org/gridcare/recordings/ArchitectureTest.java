package org.gridcare.recordings;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rule of docs/ARCHITECTURE.md for this module. */
@AnalyzeClasses(packages = "org.gridcare.recordings", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainIsPure = classes().that().resideInAPackage("..recordings.domain..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.gridcare.recordings.domain..",
          "org.gridcare.platform.domain..");

  @ArchTest
  static final ArchRule appKnowsNoAdapter = noClasses().that().resideInAPackage("..recordings.app..")
      .should().dependOnClassesThat().resideInAnyPackage("..recordings.pg..", "..recordings.http..",
          "..recordings.fs..", "io.vertx.sqlclient..", "io.vertx.pgclient..", "io.vertx.ext.web..");

  @ArchTest
  static final ArchRule httpDoesNotTouchStorage = noClasses().that().resideInAPackage("..recordings.http..")
      .should().dependOnClassesThat().resideInAnyPackage("..recordings.pg..", "..recordings.fs..", "io.vertx.sqlclient..");

  @ArchTest
  static final ArchRule adaptersDoNotReachTheWiring = noClasses().that()
      .resideInAnyPackage("..recordings.pg..", "..recordings.http..", "..recordings.fs..")
      .should().dependOnClassesThat().resideInAPackage("org.gridcare.recordings");

  @ArchTest
  static final ArchRule noAsteriskJava = noClasses().should().dependOnClassesThat().resideInAPackage("org.asteriskjava..");
}
