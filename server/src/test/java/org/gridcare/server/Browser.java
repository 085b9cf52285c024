package org.gridcare.server;

import org.gridcare.server.cli.HeadlessChromium;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;

/** Debian's headless Chromium through its chromedriver (installed by .ci/run), with no reach outside the machine. */
public final class Browser {
  private Browser() {}

  public static ChromeDriver start() {
    return start(1400, 1000);
  }

  /** A window of this size (the operator desktop must fit 1366×768), English UI. */
  public static ChromeDriver start(int width, int height) {
    Assumptions.assumeTrue(HeadlessChromium.available(),
        "browser tests need Debian's chromium and chromium-driver (.ci/run installs them)");
    return HeadlessChromium.start(width, height);
  }
}
