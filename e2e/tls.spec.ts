// Virtdeck serving HTTPS itself (VIRTDECK_TLS_CERT and _KEY), for installs without a proxy:
// a second server with a certificate made by openssl for this run.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { request as apiRequest, expect, test } from "@playwright/test";
import { E2E_PORT } from "./support/constants";
import { spawnServer } from "./support/spawn-server";

test("serves HTTPS with HSTS and Secure cookies when given a certificate", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "virtdeck-tls-"));
  const cert = path.join(dir, "cert.pem");
  const key = path.join(dir, "key.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
    ],
    { stdio: "ignore" },
  );
  const port = E2E_PORT + 23;
  const server = await spawnServer(port, {
    VIRTDECK_TLS_CERT: cert,
    VIRTDECK_TLS_KEY: key,
    VIRTDECK_ADMIN_PASSWORD: "tls-admin-password-1",
  });
  try {
    expect(server.output()).toContain(`listening on https://127.0.0.1:${port}`);
    const api = await apiRequest.newContext({
      baseURL: `https://127.0.0.1:${port}`,
      ignoreHTTPSErrors: true,
    });
    const page = await api.get("/login");
    expect(page.status()).toBe(200);
    expect(page.headers()["strict-transport-security"]).toBe("max-age=31536000");
    const login = await api.post("/api/v1/auth/login", {
      data: { username: "admin", password: "tls-admin-password-1" },
    });
    expect(login.status()).toBe(200);
    expect(login.headers()["set-cookie"]).toMatch(/virtdeck_session=[^;]+;.*Secure/i);
    await api.dispose();
    // Plain HTTP on the same port gets no page.
    const plain = await fetch(`http://127.0.0.1:${port}/login`).then(
      (r) => r.status,
      () => "refused",
    );
    expect(plain).not.toBe(200);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
