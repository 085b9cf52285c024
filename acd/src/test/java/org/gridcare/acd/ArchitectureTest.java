package org.gridcare.acd;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rules of docs/ARCHITECTURE.md for this module. */
@AnalyzeClasses(packages = "org.gridcare.acd", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainIsPure = classes().that().resideInAPackage("..acd.domain..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.gridcare..domain..");

  @ArchTest
  static final ArchRule appKnowsNoAdapter = noClasses().that().resideInAPackage("..acd.app..")
      .should().dependOnClassesThat().resideInAnyPackage("..acd.redis..", "..acd.pg..", "..acd.http..",
          "io.lettuce..", "io.vertx.sqlclient..", "io.vertx.ext.web..");

  /** The wiring hands the connection over and the benchmark measures raw round trips; nothing else sees Lettuce. */
  @ArchTest
  static final ArchRule redisOnlyInTheRedisAdapter = noClasses().that().resideOutsideOfPackages("..acd.redis..", "..acd.bench..")
      .and().doNotHaveSimpleName("AcdModule")
      .should().dependOnClassesThat().resideInAPackage("io.lettuce..");

  @ArchTest
  static final ArchRule sqlOnlyInThePgAdapter = noClasses().that().resideOutsideOfPackage("..acd.pg..")
      .should().dependOnClassesThat().resideInAPackage("io.vertx.sqlclient..");
}
