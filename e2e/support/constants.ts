// VIRTDECK_E2E_PORT lets two people run the suite side by side on one machine.
export const E2E_PORT = Number(process.env.VIRTDECK_E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_DATA_DIR = `data/e2e-${E2E_PORT}`;
/** The unattended-install admin password the e2e server starts with (test-only). */
export const E2E_ADMIN_PASSWORD = "e2e-admin-password-1";
/**
 * What a browser adds to a change its page sends: cookie-signed API changes without it are
 * refused as possible cross-site forgeries (lib/api/route.ts). For specs that call the API
 * with the page's cookie.
 */
export const SAME_ORIGIN = { origin: E2E_BASE_URL };

/**
 * The test identity provider (scripts/oidc-provider.ts) beside the e2e server. Other side ports
 * of E2E_PORT: +1 and +2 first-start servers, +23 TLS, +37 console failures.
 */
export const E2E_OIDC_PORT = E2E_PORT + 11;
export const E2E_OIDC_ISSUER = `http://127.0.0.1:${E2E_OIDC_PORT}`;
export const E2E_OIDC_CLIENT_ID = "virtdeck-e2e";
export const E2E_OIDC_CLIENT_SECRET = "e2e-oidc-client-secret";
/** Its accounts and their claims, rewritten by the specs (outside the server's data dir, which is wiped). */
export const E2E_OIDC_ACCOUNTS = `data/e2e-oidc-${E2E_OIDC_PORT}.json`;
