package org.gridcare.reports;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module's dependency rules. */
@AnalyzeClasses(packages = "org.gridcare.reports", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainIsPure = classes().that().resideInAPackage("..reports.domain..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "..reports.domain..",
          "org.gridcare.platform.domain..");

  @ArchTest
  static final ArchRule thePortSeesNoAdapter = noClasses().that().resideInAPackage("..reports.app..")
      .should().dependOnClassesThat().resideInAnyPackage("..reports.pg..", "..reports.http..", "io.vertx.sqlclient..",
          "io.vertx.ext.web..", "org.gridcare.storage..");

  @ArchTest
  static final ArchRule onlyThePgAdapterAndTheBenchSpeakSql = noClasses().that()
      .resideOutsideOfPackages("..reports.pg..", "..reports.bench..", "org.gridcare.reports")
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx.sqlclient..", "java.sql..", "org.postgresql..");
}
