package org.gridcare.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gridcare.server.TestCentre;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/** HTTPS from {@code server.tls.cert-file} and {@code server.tls.key-file}: a self-signed PEM pair made by the JDK. */
@RealServers
class TlsTest {

  @Test
  void serverSpeaksHttpsWithTheConfiguredPemFiles(StorageSettings storage) throws Exception {
    Path dir = Files.createTempDirectory("cc-tls");
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    selfSigned(dir, cert, key);
    try (TestCentre centre = TestCentre.start(storage, Map.of("CC_SERVER_TLS_CERT_FILE", cert.toString(),
        "CC_SERVER_TLS_KEY_FILE", key.toString()))) {
      int port = centre.cc().httpPort();
      WebClient https = WebClient.create(centre.cc().vertx(), new WebClientOptions().setSsl(true).setVerifyHost(true)
          .setTrustOptions(new PemTrustOptions().addCertPath(cert.toString())));
      HttpResponse<Buffer> live = https.get(port, "localhost", "/health/live").send()
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(live.bodyAsJsonObject().getString("status")).isEqualTo("up");

      WebClient plain = WebClient.create(centre.cc().vertx());
      assertThatThrownBy(() -> plain.get(port, "localhost", "/health/live").send()
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS))
          .as("plain HTTP on the HTTPS port gets no answer").isNotNull();
      https.close();
      plain.close();
    }
  }

  /** keytool (from the running JDK) makes the pair; the test writes it out as PEM. */
  static void selfSigned(Path dir, Path certPem, Path keyPem) throws Exception {
    Path store = dir.resolve("tls.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "cc", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor()).as(output).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    Certificate c = ks.getCertificate("cc");
    PrivateKey k = (PrivateKey) ks.getKey("cc", "changeit".toCharArray());
    Files.writeString(certPem, pem("CERTIFICATE", c.getEncoded()));
    Files.writeString(keyPem, pem("PRIVATE KEY", k.getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
