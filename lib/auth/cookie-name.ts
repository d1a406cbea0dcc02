export const SESSION_COOKIE = "virtdeck_session";
