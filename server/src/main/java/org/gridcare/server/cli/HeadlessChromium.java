package org.gridcare.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through its chromedriver ({@code apt-get install chromium chromium-driver}), with no
 * reach outside the machine: the browser of {@code bench desktop} and of the server's page tests.
 */
public final class HeadlessChromium {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessChromium() {}

  /** Whether Chromium and its driver are installed where {@link #start} looks for them. */
  public static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
  }

  /** A window of this size, English UI, plus any {@code extraArguments} (Chromium switches). */
  public static ChromeDriver start(int width, int height, String... extraArguments) {
    if (!available()) {
      throw new IllegalStateException("needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + DRIVER + ")");
    }
    List<String> arguments = new ArrayList<>(List.of("--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--window-size=" + width + "," + height, "--lang=en-GB"));
    arguments.addAll(List.of(extraArguments));
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(arguments);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }
}
